package io.kamaros.app.diff;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * A WAV, AIFF or AU recording's length, sample rate and channels, read by javax.sound.sampled. Other kinds
 * (MP3, FLAC, Ogg) keep what their header tells. A length is given only when the data it counts is really
 * in the file: a cut-off recording gives none rather than a wrong one.
 */
final class SoundPreview {
    private static final Set<String> READABLE = Set.of("WAV", "AIFF", "AU");

    private SoundPreview() {
    }

    static Preview read(FileFacts header, ContentSource source, long size) {
        if (!READABLE.contains(header.format())) {
            return new Preview(header, null, null);
        }
        try (InputStream in = new BufferedInputStream(source.open())) {
            AudioFileFormat file = AudioSystem.getAudioFileFormat(in);
            AudioFormat format = file.getFormat();
            long frames = file.getFrameLength();
            int frameSize = format.getFrameSize();
            float frameRate = format.getFrameRate();
            boolean whole = frames >= 0 && frameSize > 0 && frameRate > 0 && frames * frameSize <= size;
            float rate = format.getSampleRate();
            int channels = format.getChannels();
            return new Preview(new FileFacts(FileFacts.Kind.AUDIO, header.format(), -1, -1, -1, null, null,
                    whole ? frames / (double) frameRate : -1, rate > 0 && rate < 10_000_000 ? Math.round(rate) : -1,
                    channels > 0 && channels <= 255 ? channels : -1), null, null);
        } catch (UnsupportedAudioFileException e) {
            return new Preview(header, null, null); // a codec javax.sound does not know: the format's name only
        } catch (IOException | RuntimeException e) {
            return new Preview(header, null, Preview.Problem.DAMAGED);
        }
    }
}
