package io.kamaros.app.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A small regex highlighter, one line at a time, with a carried state for constructs that span lines
 * (block comments, Python triple-quoted strings, Markdown code fences). No library: there is no
 * well-kept syntax highlighter for JavaFX, and diff rows only need colours, not parsing.
 *
 * <p>States are computed once for all lines (background thread); cells colour visible lines on demand.
 */
final class SyntaxHighlighter {
    static final int NORMAL = 0;
    private static final int BLOCK_C = 1;
    private static final int BLOCK_XML = 2;
    private static final int TRIPLE_DOUBLE = 3;
    private static final int TRIPLE_SINGLE = 4;
    private static final int FENCE = 5;
    /** Minified one-line files are not worth colouring. */
    static final int MAX_LINE = 2_000;

    private static final String[] GROUPS = {
        "COMMENT", "BLOCK", "TRIPLE", "FENCE", "HEADING", "PROPERTY", "STRING", "META", "TAG", "ATTR",
        "KEYWORD", "NUMBER", "TYPE", "CODE", "LINK", "STRONG",
    };

    private static final String C_NUMBER = "\\b(?:0[xX][0-9a-fA-F_]+|\\d[\\d_]*(?:\\.\\d+)?(?:[eE][+-]?\\d+)?[lLfFdDn]?)\\b";
    private static final String C_STRING = "\"(?:[^\"\\\\]|\\\\.)*\"?|'(?:[^'\\\\]|\\\\.)*'?";
    private static final String JAVA_KW = "abstract|assert|boolean|break|byte|case|catch|char|class|const|continue|default|do|double|else|enum|"
            + "extends|final|finally|float|for|goto|if|implements|import|instanceof|int|interface|long|native|new|package|private|"
            + "protected|public|record|return|sealed|permits|short|static|strictfp|super|switch|synchronized|this|throw|throws|"
            + "transient|try|var|void|volatile|while|yield|true|false|null|fun|val|func|struct|fn|let|mut|impl|pub|use";
    private static final String JS_KW = "async|await|break|case|catch|class|const|continue|debugger|default|delete|do|else|export|extends|"
            + "finally|for|from|function|if|import|in|instanceof|let|new|of|return|static|super|switch|this|throw|try|typeof|var|"
            + "void|while|with|yield|true|false|null|undefined";
    private static final String TS_KW = JS_KW + "|abstract|any|as|boolean|declare|enum|implements|interface|keyof|namespace|never|"
            + "number|private|protected|public|readonly|string|type|unknown";
    private static final String PY_KW = "and|as|assert|async|await|break|class|continue|def|del|elif|else|except|False|finally|for|from|"
            + "global|if|import|in|is|lambda|None|nonlocal|not|or|pass|raise|return|True|try|while|with|yield|self|print";

    private final Language language;
    private final @Nullable Pattern pattern;
    /** Group names this language's pattern has, in priority order. */
    private final List<String> groups = new ArrayList<>();

    SyntaxHighlighter(Language language) {
        this.language = language;
        this.pattern = patternFor(language);
        if (pattern != null) {
            for (String g : GROUPS) {
                if (pattern.pattern().contains("(?<" + g + ">")) {
                    groups.add(g);
                }
            }
        }
    }

    Language language() {
        return language;
    }

    private static @Nullable Pattern patternFor(Language language) {
        return switch (language) {
            case JAVA -> compile("COMMENT", "//.*", "BLOCK", "/\\*", "STRING", C_STRING, "META", "@[A-Za-z_]\\w*",
                    "KEYWORD", "\\b(?:" + JAVA_KW + ")\\b", "NUMBER", C_NUMBER, "TYPE", "\\b[A-Z][A-Za-z0-9_]*\\b");
            case JAVASCRIPT -> compile("COMMENT", "//.*", "BLOCK", "/\\*", "STRING", C_STRING + "|`(?:[^`\\\\]|\\\\.)*`?",
                    "KEYWORD", "\\b(?:" + JS_KW + ")\\b", "NUMBER", C_NUMBER, "TYPE", "\\b[A-Z][A-Za-z0-9_]*\\b");
            case TYPESCRIPT -> compile("COMMENT", "//.*", "BLOCK", "/\\*", "STRING", C_STRING + "|`(?:[^`\\\\]|\\\\.)*`?",
                    "META", "@[A-Za-z_]\\w*", "KEYWORD", "\\b(?:" + TS_KW + ")\\b", "NUMBER", C_NUMBER,
                    "TYPE", "\\b[A-Z][A-Za-z0-9_]*\\b");
            case PYTHON -> compile("COMMENT", "#.*", "TRIPLE", "\"\"\"|'''", "STRING", C_STRING, "META", "@[A-Za-z_][\\w.]*",
                    "KEYWORD", "\\b(?:" + PY_KW + ")\\b", "NUMBER", C_NUMBER, "TYPE", "\\b[A-Z][A-Za-z0-9_]*\\b");
            case JSON -> compile("PROPERTY", "\"(?:[^\"\\\\]|\\\\.)*\"(?=\\s*:)", "STRING", "\"(?:[^\"\\\\]|\\\\.)*\"?",
                    "KEYWORD", "\\b(?:true|false|null)\\b", "NUMBER", "-?\\b\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?\\b");
            case YAML -> compile("COMMENT", "(?:^|(?<=\\s))#.*", "META", "^(?:---|\\.\\.\\.)$|[&*][\\w-]+|!![\\w]+",
                    "PROPERTY", "^\\s*(?:-\\s+)?[^\\s:#'\"\\-][^:#]*?(?=:(?:\\s|$))", "STRING", C_STRING,
                    "KEYWORD", "\\b(?:true|false|null|yes|no|on|off)\\b", "NUMBER", "(?<![\\w.-])-?\\d+(?:\\.\\d+)?\\b");
            case XML, HTML -> compile("BLOCK", "<!--", "META", "<\\?.*?\\?>|<!\\[CDATA\\[|\\]\\]>|<!DOCTYPE[^>]*>|&[#\\w]+;",
                    "TAG", "</?[A-Za-z_][\\w:.-]*|/?>", "ATTR", "\\b[A-Za-z_:][\\w:.-]*(?=\\s*=\\s*[\"'])",
                    "STRING", "\"[^\"]*\"|'[^']*'");
            case CSS -> compile("BLOCK", "/\\*", "STRING", C_STRING, "META", "@[\\w-]+|!important",
                    "PROPERTY", "(?<![\\w-])-?[A-Za-z][\\w-]*(?=\\s*:[^:{]*[;}]|\\s*:[^:{]*$)",
                    "NUMBER", "#[0-9a-fA-F]{3,8}\\b|-?\\b\\d+(?:\\.\\d+)?(?:px|em|rem|%|s|ms|vh|vw|pt|deg|fr)?\\b",
                    "TAG", "[.#][A-Za-z_][\\w-]*");
            case MARKDOWN -> compile("FENCE", "^\\s*(?:```|~~~).*", "HEADING", "^#{1,6}\\s.*|^(?:===+|---+)\\s*$",
                    "COMMENT", "^\\s*>.*", "KEYWORD", "^\\s*(?:[-*+]|\\d+[.)])(?=\\s)", "CODE", "`[^`]+`",
                    "LINK", "!?\\[[^\\]]*\\]\\([^)]*\\)|<https?://[^>]+>", "STRONG", "\\*\\*[^*]+\\*\\*|__[^_]+__");
            case PLAIN -> null;
        };
    }

    private static Pattern compile(String... groupsAndRegexes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < groupsAndRegexes.length; i += 2) {
            if (sb.length() > 0) {
                sb.append('|');
            }
            sb.append("(?<").append(groupsAndRegexes[i]).append('>').append(groupsAndRegexes[i + 1]).append(')');
        }
        return Pattern.compile(sb.toString());
    }

    /** The state at the start of each line (what the previous lines left open). */
    byte[] startStates(List<String> lines, BooleanSupplier cancelled) {
        byte[] states = new byte[lines.size()];
        if (pattern == null) {
            return states;
        }
        int state = NORMAL;
        for (int i = 0; i < lines.size(); i++) {
            if ((i & 1023) == 0 && cancelled.getAsBoolean()) {
                return states;
            }
            states[i] = (byte) state;
            state = scan(lines.get(i), state, null);
        }
        return states;
    }

    /** Coloured ranges of one line, given the state its previous line left. */
    List<Span> highlight(String line, int state) {
        List<Span> spans = new ArrayList<>();
        if (pattern != null) {
            scan(line, state, spans);
        }
        return spans;
    }

    /** Only called when this language has a pattern; {@code out == null} only tracks the state. */
    private int scan(String line, int state, @Nullable List<Span> out) {
        if (line.length() > MAX_LINE) {
            return state;
        }
        int pos = 0;
        int n = line.length();
        if (state == FENCE) {
            if (line.strip().startsWith("```") || line.strip().startsWith("~~~")) {
                add(out, 0, n, "syn-code");
                return NORMAL;
            }
            add(out, 0, n, "syn-code");
            return FENCE;
        }
        if (state != NORMAL) {
            String close = closer(state);
            int end = line.indexOf(close);
            String style = state == TRIPLE_DOUBLE || state == TRIPLE_SINGLE ? "syn-string" : "syn-comment";
            if (end < 0) {
                add(out, 0, n, style);
                return state;
            }
            add(out, 0, end + close.length(), style);
            pos = end + close.length();
        }
        Matcher m = Objects.requireNonNull(pattern, "scan needs a pattern").matcher(line);
        while (pos < n && m.find(pos)) {
            String group = groupOf(m);
            int start = m.start();
            int end = m.end();
            if (end == start) {
                pos = end + 1;
                continue;
            }
            switch (group) {
                case "BLOCK", "TRIPLE" -> {
                    int open = blockState(m.group());
                    String close = closer(open);
                    int closeAt = line.indexOf(close, end);
                    String style = open == BLOCK_C || open == BLOCK_XML ? "syn-comment" : "syn-string";
                    if (closeAt < 0) {
                        add(out, start, n, style);
                        return open;
                    }
                    add(out, start, closeAt + close.length(), style);
                    pos = closeAt + close.length();
                    continue;
                }
                case "FENCE" -> {
                    add(out, start, n, "syn-code");
                    return FENCE;
                }
                default -> add(out, start, end, "syn-" + group.toLowerCase(Locale.ROOT));
            }
            pos = end;
        }
        return NORMAL;
    }

    private String groupOf(Matcher m) {
        for (String g : groups) {
            if (m.start(g) >= 0) {
                return g;
            }
        }
        return "TEXT";
    }

    private int blockState(String opener) {
        return switch (opener) {
            case "/*" -> BLOCK_C;
            case "<!--" -> BLOCK_XML;
            case "\"\"\"" -> TRIPLE_DOUBLE;
            default -> TRIPLE_SINGLE;
        };
    }

    private static String closer(int state) {
        return switch (state) {
            case BLOCK_C -> "*/";
            case BLOCK_XML -> "-->";
            case TRIPLE_DOUBLE -> "\"\"\"";
            case TRIPLE_SINGLE -> "'''";
            default -> "\n";
        };
    }

    private static void add(@Nullable List<Span> out, int start, int end, String style) {
        if (out != null && end > start) {
            out.add(new Span(start, end, style));
        }
    }
}
