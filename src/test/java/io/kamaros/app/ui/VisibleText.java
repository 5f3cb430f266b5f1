package io.kamaros.app.ui;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeTableView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Collects every text a person can see in a window (labels, buttons, plain text, prompts, tooltips,
 * tabs, menus and their items, table headers, accessible texts, the title) and checks it against the
 * Polish bundles: a text must be a Polish bundle text (with its arguments filled in) or data (file
 * names, version messages, numbers). Independent of how a screen was opened: give it a window or a
 * node once the screen is showing. Call on the FX thread.
 */
public final class VisibleText {
    private static final Path RESOURCES = Path.of("src/main/resources");
    /** Parts of composed texts ("3f2a1b9c · Chapter 2 · 3 dni temu") are checked one by one. */
    private static final Pattern SEPARATORS = Pattern.compile("\\s+[·—→]\\s+|\\n+|\\s{2,}|\\s+\\(|\\)");
    private static final Pattern LETTER = Pattern.compile("\\p{L}");
    /** Where {@code Tooltip.install} keeps a node's tooltip (JavaFX's own key). */
    private static final String INSTALLED_TOOLTIP = "javafx.scene.control.Tooltip";

    private VisibleText() {
    }

    /** One text on screen and where it is (for the failure message). */
    public record Shown(String text, String where) {
    }

    // ---------------------------------------------------------------- collecting

    /** Everything visible in a window: its title and its scene. */
    public static List<Shown> collect(Window window) {
        List<Shown> out = new ArrayList<>();
        if (window instanceof Stage stage && stage.getTitle() != null) {
            add(out, stage.getTitle(), "window title");
        }
        Scene scene = window.getScene();
        if (scene != null && scene.getRoot() != null) {
            walk(scene.getRoot(), out, false);
        }
        return out;
    }

    /** Everything visible under a node. */
    public static List<Shown> collect(Node root) {
        List<Shown> out = new ArrayList<>();
        walk(root, out, false);
        return out;
    }

    private static void walk(Node node, List<Shown> out, boolean insideText) {
        if (!node.isVisible()) {
            return;
        }
        String where = describe(node);
        add(out, node.getAccessibleText(), "accessible text of " + where);
        add(out, node.getAccessibleHelp(), "accessible help of " + where);
        boolean textOwner = insideText;
        if (node instanceof Labeled l) {
            if (!insideText) {
                add(out, l.getText(), where);
            }
            textOwner = true;
        } else if (node instanceof TextInputControl t) {
            add(out, t.getPromptText(), "prompt of " + where); // its text is the person's own
            textOwner = true;
        } else if (node instanceof Text t && !insideText) {
            add(out, t.getText(), where);
        }
        if (!(node instanceof Control) && node.getProperties().get(INSTALLED_TOOLTIP) instanceof Tooltip tip) {
            tooltip(out, tip, where); // Tooltip.install on a pane or a shape
        }
        if (node instanceof Control c) {
            tooltip(out, c.getTooltip(), where);
            if (c.getContextMenu() != null) {
                items(out, c.getContextMenu().getItems(), "context menu of " + where);
            }
        }
        if (node instanceof TabPane tabs) {
            for (Tab tab : tabs.getTabs()) {
                add(out, tab.getText(), "tab of " + where);
                tooltip(out, tab.getTooltip(), "tab of " + where);
            }
        }
        if (node instanceof MenuBar bar) {
            items(out, new ArrayList<>(bar.getMenus()), "menu bar");
        }
        if (node instanceof MenuButton button) {
            items(out, button.getItems(), "menu of " + where);
        }
        if (node instanceof TableView<?> table) {
            columns(out, new ArrayList<>(table.getColumns()), where);
        }
        if (node instanceof TreeTableView<?> table) {
            columns(out, new ArrayList<>(table.getColumns()), where);
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                // a label's graphic may hold texts of its own (a notification's content)
                boolean graphic = node instanceof Labeled l && child == l.getGraphic();
                walk(child, out, textOwner && !graphic);
            }
        }
    }

    private static void items(List<Shown> out, Collection<? extends MenuItem> items, String where) {
        for (MenuItem item : items) {
            add(out, item.getText(), where);
            if (item instanceof Menu m) {
                items(out, m.getItems(), where + " › " + m.getText());
            }
        }
    }

    private static void columns(List<Shown> out, List<? extends TableColumnBase<?, ?>> columns, String where) {
        for (TableColumnBase<?, ?> c : columns) {
            add(out, c.getText(), "column of " + where);
            columns(out, new ArrayList<>(c.getColumns()), where);
        }
    }

    private static void tooltip(List<Shown> out, Tooltip tip, String where) {
        if (tip != null) {
            add(out, tip.getText(), "tooltip of " + where);
        }
    }

    private static void add(List<Shown> out, String text, String where) {
        if (text != null && !text.isBlank()) {
            out.add(new Shown(text, where));
        }
    }

    private static String describe(Node node) {
        StringBuilder b = new StringBuilder(node.getClass().getSimpleName());
        if (node.getId() != null) {
            b.append('#').append(node.getId());
        }
        for (Node p = node.getParent(); p != null; p = p.getParent()) {
            if (p.getId() != null) {
                b.append(" in #").append(p.getId());
                break;
            }
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- checking

    /** Checks texts against the app's bundles as a Polish screen: every text Polish or data. */
    public static final class PolishCheck {
        private final List<Pattern> polish = new ArrayList<>();
        /** Patterns without letters of their own ("{0}: {1}"): a text they match is checked part by part. */
        private final List<Pattern> polishFrames = new ArrayList<>();
        private final List<Pattern> english = new ArrayList<>();
        private final Set<String> data = new HashSet<>();
        /**
         * Data in every language: sizes ("1,5 MB"), hashes and short version ids, hex offsets and bytes,
         * format names and acronyms in capitals ("PNG", "UTF-8"), keys ("Ctrl+Shift+O", "F5").
         */
        private Predicate<String> dataRule = Pattern.compile(
                "[+\u2212-]?[\\d\\s\u00a0\u202f.,]+\\s?(?:B|KB|MB|GB|TB|KiB|MiB|GiB)|[0-9a-f]{4,64}(?:\\s+[0-9a-f]{4,64})*\u2026?"
                        + "|0x[0-9A-F]+|[A-Z0-9][A-Z0-9-]{0,7}|(?:(?:Ctrl|Shift|Alt|Meta|Cmd)\\+)+\\S+").asMatchPredicate();

        public PolishCheck() {
            for (Path en : englishBundles()) {
                Properties enProps = load(en);
                Properties plProps = load(en.resolveSibling(en.getFileName().toString().replace(".properties", "_pl.properties")));
                for (String key : enProps.stringPropertyNames()) {
                    String pl = plProps.getProperty(key, "");
                    String plRegex = regex(pl);
                    (hasLetters(pl) ? polish : polishFrames).add(Pattern.compile(plRegex, Pattern.DOTALL));
                    if (hasLetters(enProps.getProperty(key)) && !enProps.getProperty(key).equals(pl)) {
                        english.add(Pattern.compile(regex(enProps.getProperty(key)), Pattern.DOTALL));
                    }
                }
            }
        }

        /** Exact texts that are data: file and folder names, paths, version messages, authors. */
        public PolishCheck allowData(Collection<String> texts) {
            for (String t : texts) {
                data.add(t.strip());
            }
            return this;
        }

        /** A rule for data that cannot be listed (a file's lines, dates). */
        public PolishCheck allowData(Predicate<String> rule) {
            dataRule = dataRule.or(rule);
            return this;
        }

        /** Every text that is English or from no bundle, with where it is; empty when the screen is all Polish. */
        public List<String> problems(Collection<Shown> shown) {
            List<String> problems = new ArrayList<>();
            for (Shown s : shown) {
                String t = s.text().strip();
                // an English bundle text is wrong even where data rules would let it pass ("CURRENT"), but data listed
                // exactly is data: a file's line "Prices a basket of items" is no English "{0} of {1}"
                boolean isEnglish = !data.contains(t) && english.stream().anyMatch(p -> matches(p, t))
                        && polish.stream().noneMatch(p -> matches(p, t));
                if (isEnglish || !ok(t, 0)) {
                    problems.add((isEnglish ? "English: \"" : "not from a bundle: \"") + t + "\" (" + s.where() + ")");
                }
            }
            return problems;
        }

        private boolean ok(String text, int depth) {
            String t = text.strip();
            if (t.isEmpty() || !hasLetters(t) || data.contains(t) || dataRule.test(t)) {
                return true;
            }
            if (polish.stream().anyMatch(p -> matches(p, t))) {
                return true;
            }
            if (depth >= 3) {
                return false;
            }
            for (Pattern frame : polishFrames) {
                Matcher m = frame.matcher(t);
                boolean wholeText = m.matches() && m.groupCount() == 1 && m.group(1).strip().equals(t);
                if (m.matches() && m.groupCount() > 0 && !wholeText && groupsOk(m, depth)) {
                    return true;
                }
            }
            String[] parts = SEPARATORS.split(t);
            if (parts.length > 1) {
                for (String part : parts) {
                    if (!ok(part, depth + 1)) {
                        return false;
                    }
                }
                return true;
            }
            return false;
        }

        private boolean groupsOk(Matcher m, int depth) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null && !ok(m.group(g), depth + 1)) {
                    return false;
                }
            }
            return true;
        }

        /** As written, without mnemonic underscores, or without the "…" of a menu item (in the shortcut list). */
        private static boolean matches(Pattern p, String text) {
            return p.matcher(text).matches() || p.matcher(text.replace("_", "")).matches()
                    || p.matcher(text + "\u2026").matches();
        }
    }

    private static boolean hasLetters(String patternOrText) {
        return LETTER.matcher(literalPart(patternOrText)).find();
    }

    /** The pattern's own words: arguments left out, plural branches kept. */
    private static String literalPart(String pattern) {
        return pattern.replaceAll("\\{\\d+(?:,\\s*(?:number|date|time)[^}]*)?}", " ")
                .replaceAll("\\{\\d+,\\s*(?:plural|select|choice)\\s*,", " ").replaceAll("[{}#|<]", " ");
    }

    /**
     * A regular expression for what an ICU/Java MessageFormat pattern can produce: a simple argument
     * is any text, a plural or choice argument one of its branches (with {@code #} a number), and
     * {@code ''} an apostrophe. Mnemonic underscores are optional.
     */
    static String regex(String pattern) {
        StringBuilder out = new StringBuilder("\\s*");
        appendRegex(pattern, out);
        return out.append("\\s*").toString();
    }

    private static void appendRegex(String p, StringBuilder out) {
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '{') {
                int end = closing(p, i);
                out.append(argumentRegex(p.substring(i + 1, end)));
                i = end + 1;
            } else if (c == '\'' && i + 1 < p.length() && p.charAt(i + 1) == '\'') {
                out.append("'");
                i += 2;
            } else if (c == '_') {
                out.append("_?");
                i++;
            } else if (Character.isWhitespace(c)) {
                out.append("\\s+");
                while (i < p.length() && Character.isWhitespace(p.charAt(i))) {
                    i++;
                }
            } else {
                out.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
    }

    private static String argumentRegex(String body) {
        String[] head = body.split(",", 3);
        String type = head.length > 1 ? head[1].strip() : "";
        if (type.equals("plural") || type.equals("select")) {
            List<String> branches = new ArrayList<>();
            String rest = head[2];
            int i = 0;
            while (true) {
                int open = rest.indexOf('{', i);
                if (open < 0) {
                    break;
                }
                int close = closing(rest, open);
                StringBuilder b = new StringBuilder();
                appendRegex(rest.substring(open + 1, close).replace("#", "\u0000"), b);
                branches.add(b.toString().replace(Pattern.quote("\u0000"), "[\\d\\s\u00a0\u202f.,]+"));
                i = close + 1;
            }
            return "(?:" + String.join("|", branches) + ")";
        }
        if (type.equals("choice")) {
            List<String> branches = new ArrayList<>();
            for (String branch : head[2].split("\\|")) {
                String text = branch.replaceFirst("^[^#<]*[#<]", "");
                StringBuilder b = new StringBuilder();
                appendRegex(text, b);
                branches.add(b.toString());
            }
            return "(?:" + String.join("|", branches) + ")";
        }
        return "(.*?)";
    }

    private static int closing(String p, int open) {
        int depth = 0;
        for (int i = open; i < p.length(); i++) {
            if (p.charAt(i) == '{') {
                depth++;
            } else if (p.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced braces in " + p);
    }

    private static List<Path> englishBundles() {
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            return files.filter(f -> f.getFileName().toString().endsWith("_pl.properties")).sorted()
                    .map(pl -> pl.resolveSibling(pl.getFileName().toString().replace("_pl.properties", ".properties")))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties load(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
