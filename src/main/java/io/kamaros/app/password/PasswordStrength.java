package io.kamaros.app.password;

/**
 * A rough strength of a new password, for the hint under the field. Hand-written because the
 * well-known estimator (zxcvbn4j) is not among the project's dependencies and the hint only has to
 * steer people away from short, one-kind passwords: the guesses are estimated from the length and the
 * kinds of characters used, with runs of one repeated character counted once.
 */
public enum PasswordStrength {
    WEAK, FAIR, GOOD, STRONG;

    /** Bits of guessing needed, below which a password is weak, fair, good; at or above the last, strong. */
    private static final double[] LIMITS = {40, 60, 80};

    public static PasswordStrength of(CharSequence password) {
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean symbol = false;
        boolean other = false;
        int length = 0;
        int previous = -1;
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            if (c != previous) {
                length++; // "aaaaaaaa" is hardly better than "a"
            }
            previous = c;
            if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c < 128) {
                symbol = true;
            } else {
                other = true; // letters like ą, ł: a larger alphabet
            }
        }
        int pool = (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (symbol ? 33 : 0) + (other ? 64 : 0);
        double bits = pool == 0 ? 0 : length * Math.log(pool) / Math.log(2);
        for (int i = 0; i < LIMITS.length; i++) {
            if (bits < LIMITS[i]) {
                return values()[i];
            }
        }
        return STRONG;
    }
}
