package io.kamaros.app.diff;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.i18n.Messages;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.jspecify.annotations.Nullable;

/**
 * State of the diff viewer: plain Java with JavaFX properties, no engine calls, testable without a
 * window. {@link #show} classifies the two versions (text, image, other binary), and all heavy work
 * (decoding, diffing, syntax states, the difference image) runs on the background executor; results
 * are published through the "fx" executor (Platform.runLater by default) and dropped if another
 * {@code show}/{@code clear} came in meanwhile.
 *
 * <p>Methods other than the constructors are meant to be called on the FX thread (or, in tests, on
 * the one thread that also runs the injected executors).
 */
public final class DiffViewModel {
    /** The viewer's own strings (io/kamaros/app/diff/diff*.properties), read through {@link Messages}. */
    public static final String BUNDLE = "io.kamaros.app.diff.diff";
    /** Above this, text is not diffed line by line (Myers and the rows would eat memory and time). */
    public static final long MAX_TEXT_BYTES = 32L << 20;
    static final int MAX_TEXT_LINES = 400_000;
    public static final long MAX_IMAGE_BYTES = 128L << 20;
    /** A difference image needs three int rasters; beyond this it is not computed. */
    static final long MAX_DIFFERENCE_PIXELS = 40_000_000L;

    private final Executor background;
    private final Executor fx;
    private final Messages messages;
    private final AtomicLong generation = new AtomicLong();

    private final ReadOnlyObjectWrapper<DiffInput> input = new ReadOnlyObjectWrapper<>(this, "input");
    private final ReadOnlyObjectWrapper<DiffKind> kind = new ReadOnlyObjectWrapper<>(this, "kind", DiffKind.NONE);
    private final ReadOnlyObjectWrapper<FileChange> change = new ReadOnlyObjectWrapper<>(this, "change");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper subtitle = new ReadOnlyStringWrapper(this, "subtitle", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");

    // text
    private final ObjectProperty<TextLayout> layout = new SimpleObjectProperty<>(this, "layout", TextLayout.SIDE_BY_SIDE);
    private final BooleanProperty showAllLines = new SimpleBooleanProperty(this, "showAllLines", false);
    private final ObservableList<DiffLine> lines = FXCollections.observableArrayList();
    private final ObservableList<DiffLine> linesView = FXCollections.unmodifiableObservableList(lines);
    private final ReadOnlyIntegerWrapper addedLines = new ReadOnlyIntegerWrapper(this, "addedLines");
    private final ReadOnlyIntegerWrapper removedLines = new ReadOnlyIntegerWrapper(this, "removedLines");
    private final ReadOnlyIntegerWrapper changeCount = new ReadOnlyIntegerWrapper(this, "changeCount");
    private final ReadOnlyIntegerWrapper currentChange = new ReadOnlyIntegerWrapper(this, "currentChange", -1);
    private final ReadOnlyIntegerWrapper currentChangeLine = new ReadOnlyIntegerWrapper(this, "currentChangeLine", -1);
    private final ReadOnlyBooleanWrapper canGoNext = new ReadOnlyBooleanWrapper(this, "canGoNext");
    private final ReadOnlyBooleanWrapper canGoPrevious = new ReadOnlyBooleanWrapper(this, "canGoPrevious");
    private final ReadOnlyObjectWrapper<Language> language = new ReadOnlyObjectWrapper<>(this, "language", Language.PLAIN);
    private final ReadOnlyIntegerWrapper maxLineNumber = new ReadOnlyIntegerWrapper(this, "maxLineNumber");
    private final ReadOnlyIntegerWrapper longestLine = new ReadOnlyIntegerWrapper(this, "longestLine");
    /** The last text diff; null while no text diff is shown. */
    private TextDiffer.@Nullable Result textResult;
    private int[] hunkRows = new int[0];
    private final Set<Integer> expandedFolds = new HashSet<>();
    private @Nullable SyntaxHighlighter highlighter;
    private byte[] beforeStates = new byte[0];
    private byte[] afterStates = new byte[0];

    // images
    private final ObjectProperty<ImageMode> imageMode = new SimpleObjectProperty<>(this, "imageMode", ImageMode.SIDE_BY_SIDE);
    private final DoubleProperty swipe = new SimpleDoubleProperty(this, "swipe", 0.5);
    private final DoubleProperty onionOpacity = new SimpleDoubleProperty(this, "onionOpacity", 0.5);
    private final BooleanProperty fitToWindow = new SimpleBooleanProperty(this, "fitToWindow", true);
    private final ReadOnlyObjectWrapper<Image> beforeImage = new ReadOnlyObjectWrapper<>(this, "beforeImage");
    private final ReadOnlyObjectWrapper<Image> afterImage = new ReadOnlyObjectWrapper<>(this, "afterImage");
    private final ReadOnlyObjectWrapper<ImageInfo> beforeImageInfo = new ReadOnlyObjectWrapper<>(this, "beforeImageInfo");
    private final ReadOnlyObjectWrapper<ImageInfo> afterImageInfo = new ReadOnlyObjectWrapper<>(this, "afterImageInfo");
    private final ReadOnlyStringWrapper imageSummary = new ReadOnlyStringWrapper(this, "imageSummary", "");
    private final ReadOnlyObjectWrapper<ImageDifference> difference = new ReadOnlyObjectWrapper<>(this, "difference");
    private final ReadOnlyObjectWrapper<Image> differenceImage = new ReadOnlyObjectWrapper<>(this, "differenceImage");
    private final ReadOnlyStringWrapper differenceSummary = new ReadOnlyStringWrapper(this, "differenceSummary", "");

    // binary
    private final ReadOnlyObjectWrapper<BinarySummary> binary = new ReadOnlyObjectWrapper<>(this, "binary");
    private final ReadOnlyObjectWrapper<Preview> beforePreview = new ReadOnlyObjectWrapper<>(this, "beforePreview");
    private final ReadOnlyObjectWrapper<Preview> afterPreview = new ReadOnlyObjectWrapper<>(this, "afterPreview");

    /** Background work on two daemon threads (the app must be able to exit while a diff runs). */
    public DiffViewModel() {
        this(defaultExecutor());
    }

    public DiffViewModel(Executor background) {
        this(background, Platform::runLater);
    }

    /** For tests: {@code fx} stands in for Platform.runLater (a direct executor runs results at once). */
    public DiffViewModel(Executor background, Executor fx) {
        this(background, fx, I18n.messages(BUNDLE).bundle());
    }

    public DiffViewModel(Executor background, Executor fx, ResourceBundle bundle) {
        this.background = Objects.requireNonNull(background, "background");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.messages = new Messages(Objects.requireNonNull(bundle, "bundle"));
        message.set(messages.get("state.none"));
        layout.addListener((obs, old, now) -> rebuildDisplay());
        showAllLines.addListener((obs, old, now) -> rebuildDisplay());
    }

    private static ExecutorService defaultExecutor() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "kamaros-diff-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Whether the viewer compares files whose bigger side has {@code biggest} bytes whole (text up to
     * {@link #MAX_TEXT_BYTES}, pictures up to {@link #MAX_IMAGE_BYTES}, anything up to {@link LargeSide#HEAD_BYTES}),
     * judged from each present side's first bytes; if not, a loader hands it {@link LargeSide}s instead of loading
     * them: a binary is described from its header, size and recorded hash, never read whole.
     */
    public static boolean comparesWhole(long biggest, byte @Nullable [] beforeHead, byte @Nullable [] afterHead) {
        if (biggest <= LargeSide.HEAD_BYTES) {
            return true;
        }
        boolean pictures = (beforeHead == null || ContentSniffer.imageFormat(beforeHead) != null)
                && (afterHead == null || ContentSniffer.imageFormat(afterHead) != null);
        if (pictures) {
            return biggest <= MAX_IMAGE_BYTES;
        }
        boolean text = (beforeHead == null || ContentSniffer.looksLikeText(beforeHead))
                && (afterHead == null || ContentSniffer.looksLikeText(afterHead));
        return text && biggest <= MAX_TEXT_BYTES;
    }

    // ---------------------------------------------------------------- commands

    /** Shows the difference between the two versions in {@code diff}; heavy work runs in the background. */
    public void show(DiffInput diff) {
        Objects.requireNonNull(diff, "diff");
        long gen = generation.incrementAndGet();
        reset();
        input.set(diff);
        title.set(diff.path() == null ? "" : diff.path());
        // An added file has no "before" worth naming.
        subtitle.set(!diff.hasBefore() ? afterLabel(diff) : beforeLabel(diff) + " \u2192 " + afterLabel(diff));
        change.set(!diff.hasBefore() ? FileChange.ADDED : !diff.hasAfter() ? FileChange.DELETED : FileChange.MODIFIED);
        kind.set(DiffKind.LOADING);
        message.set(messages.get("state.loading"));
        BooleanSupplier cancelled = () -> generation.get() != gen;
        background.execute(() -> {
            Outcome outcome;
            try {
                outcome = analyse(diff, cancelled);
            } catch (CancellationException e) {
                return;
            } catch (RuntimeException | OutOfMemoryError e) {
                outcome = new MessageOutcome(DiffKind.ERROR, messages.get("error", String.valueOf(e.getMessage())), null);
            }
            Outcome result = outcome;
            fx.execute(() -> {
                if (!cancelled.getAsBoolean()) {
                    apply(result);
                }
            });
            if (result instanceof ImageOutcome img && img.before() != null && img.after() != null && !cancelled.getAsBoolean()) {
                background.execute(() -> computeDifference(img, cancelled));
            }
            if (result instanceof MessageOutcome m && m.binary() != null && !cancelled.getAsBoolean()) {
                BinarySummary summary = m.binary();
                background.execute(() -> readPreview(diff, summary, false, cancelled));
                background.execute(() -> readPreview(diff, summary, true, cancelled));
            }
        });
    }

    /** Back to "nothing selected"; running work is abandoned. */
    public void clear() {
        generation.incrementAndGet();
        reset();
        message.set(messages.get("state.none"));
    }

    /** Like {@link #clear()}, with a short text of the caller's instead ("Loading…", "Pick a change"). */
    public void clear(String text) {
        clear();
        message.set(text);
    }

    public void nextChange() {
        if (currentChange.get() < changeCount.get() - 1) {
            setCurrentChange(currentChange.get() + 1);
        }
    }

    public void previousChange() {
        if (currentChange.get() > 0) {
            setCurrentChange(currentChange.get() - 1);
        }
    }

    /** Unfolds one "show N hidden lines" row. */
    public void expand(DiffLine fold) {
        if (fold != null && fold.kind() == LineKind.FOLD && expandedFolds.add(fold.foldId())) {
            rebuildDisplay();
        }
    }

    /** Syntax colours of one line of the old ({@code after == false}) or new version. */
    public List<Span> syntax(boolean after, LineText line) {
        SyntaxHighlighter h = highlighter;
        byte[] states = after ? afterStates : beforeStates;
        if (h == null || line == null || line.number() - 1 >= states.length) {
            return List.of();
        }
        return h.highlight(line.text(), states[line.number() - 1]);
    }

    // ---------------------------------------------------------------- analysis (background)

    private sealed interface Outcome permits TextOutcome, ImageOutcome, MessageOutcome {
    }

    private record TextOutcome(TextDiffer.Result result, String message, String note, SyntaxHighlighter highlighter,
                               byte[] beforeStates, byte[] afterStates, int maxLine, int longest) implements Outcome {
    }

    private record ImageOutcome(@Nullable Image before, @Nullable Image after, @Nullable ImageInfo beforeInfo,
                                @Nullable ImageInfo afterInfo, String summary)
            implements Outcome {
    }

    private record MessageOutcome(DiffKind kind, String message, @Nullable BinarySummary binary) implements Outcome {
    }

    private Outcome analyse(DiffInput diff, BooleanSupplier cancelled) {
        if (diff.isLarge()) {
            return analyseLarge(diff, cancelled);
        }
        byte[] before = diff.before();
        byte[] after = diff.after();
        if (before != null && after != null && Arrays.equals(before, after)) {
            return new MessageOutcome(DiffKind.IDENTICAL, messages.get("identical"), null);
        }
        String beforeFormat = ContentSniffer.imageFormat(before);
        String afterFormat = ContentSniffer.imageFormat(after);
        boolean beforeImage = before == null || beforeFormat != null;
        boolean afterImage = after == null || afterFormat != null;
        if (beforeImage && afterImage) {
            return analyseImages(diff, beforeFormat, afterFormat);
        }
        if (ContentSniffer.hasImageExtension(diff.path()) && (beforeFormat != null || afterFormat != null)) {
            return new MessageOutcome(DiffKind.BINARY, messages.get("image.unreadable"), BinaryInspector.inspect(before, after));
        }
        long biggest = Math.max(before == null ? 0 : before.length, after == null ? 0 : after.length);
        if (biggest > MAX_TEXT_BYTES) {
            return tooLarge(before, after, biggest);
        }
        ContentSniffer.DecodedText oldText = before == null ? null : ContentSniffer.decodeText(before);
        ContentSniffer.DecodedText newText = after == null ? null : ContentSniffer.decodeText(after);
        if ((before != null && oldText == null) || (after != null && newText == null)) {
            return binaryOutcome(diff);
        }
        return analyseText(diff, oldText, newText, biggest, cancelled);
    }

    /**
     * A file above the limits, described from what the loader gave: sizes, hashes (the history's, or streamed),
     * the first difference within the first bytes, the header facts; never the whole file in memory.
     */
    private Outcome analyseLarge(DiffInput diff, BooleanSupplier cancelled) {
        LargeSide before = diff.largeBefore();
        LargeSide after = diff.largeAfter();
        String beforeSha = before == null ? null : sha256(before, cancelled);
        String afterSha = after == null ? null : sha256(after, cancelled);
        if (beforeSha != null && beforeSha.equals(afterSha)) {
            return new MessageOutcome(DiffKind.IDENTICAL, messages.get("identical"), null);
        }
        long biggest = Math.max(before == null ? 0 : before.size(), after == null ? 0 : after.size());
        BinarySummary summary = BinaryInspector.inspect(before, after, beforeSha, afterSha);
        if (biggest <= MAX_TEXT_BYTES) { // not too large: a binary, described from its header (see comparesWhole)
            String key = before == null ? "binary.added" : after == null ? "binary.deleted" : "binary.changed";
            return new MessageOutcome(DiffKind.BINARY, messages.get(key), summary);
        }
        return new MessageOutcome(DiffKind.TOO_LARGE, messages.get("tooLarge", messages.size(biggest)), summary);
    }

    private static String sha256(LargeSide side, BooleanSupplier cancelled) {
        String known = side.sha256();
        return known != null ? known : BinaryInspector.sha256(side.source(), cancelled);
    }

    /** Reads one side's preview (PDF pages and first page, a picture's thumbnail, a recording's length), if it has facts. */
    private void readPreview(DiffInput diff, BinarySummary summary, boolean afterSide, BooleanSupplier cancelled) {
        FileFacts header = afterSide ? summary.afterFacts() : summary.beforeFacts();
        if (header == null || cancelled.getAsBoolean()) {
            return;
        }
        byte[] whole = afterSide ? diff.after() : diff.before();
        LargeSide large = afterSide ? diff.largeAfter() : diff.largeBefore();
        Preview preview;
        if (whole != null) {
            preview = Preview.read(header, whole, ContentSource.of(whole), whole.length);
        } else if (large != null) {
            preview = Preview.read(header, null, large.source(), large.size());
        } else {
            return;
        }
        fx.execute(() -> {
            if (!cancelled.getAsBoolean()) {
                (afterSide ? afterPreview : beforePreview).set(preview);
            }
        });
    }

    private Outcome tooLarge(byte @Nullable [] before, byte @Nullable [] after, long biggest) {
        return new MessageOutcome(DiffKind.TOO_LARGE, messages.get("tooLarge", messages.size(biggest)),
                BinaryInspector.inspect(before, after));
    }

    private Outcome binaryOutcome(DiffInput diff) {
        String key = diff.before() == null ? "binary.added" : diff.after() == null ? "binary.deleted" : "binary.changed";
        return new MessageOutcome(DiffKind.BINARY, messages.get(key), BinaryInspector.inspect(diff.before(), diff.after()));
    }

    private Outcome analyseText(DiffInput diff, ContentSniffer.@Nullable DecodedText oldText,
                                ContentSniffer.@Nullable DecodedText newText,
                                long biggest, BooleanSupplier cancelled) {
        List<String> a = oldText == null ? List.of() : oldText.lines();
        List<String> b = newText == null ? List.of() : newText.lines();
        if (a.size() > MAX_TEXT_LINES || b.size() > MAX_TEXT_LINES) {
            return tooLarge(diff.before(), diff.after(), biggest);
        }
        if (oldText != null && newText != null) {
            if (a.equals(b)) {
                String why;
                if (!oldText.encoding().equals(newText.encoding()) || oldText.bom() != newText.bom()) {
                    why = messages.get("identical.encoding", encodingName(oldText), encodingName(newText));
                } else if (!oldText.lineEnding().equals(newText.lineEnding()) && !oldText.lineEnding().isEmpty()
                        && !newText.lineEnding().isEmpty()) {
                    why = messages.get("identical.lineEndings", oldText.lineEnding(), newText.lineEnding());
                } else {
                    why = messages.get("identical.finalNewline");
                }
                return new MessageOutcome(DiffKind.IDENTICAL, why, null);
            }
        }
        TextDiffer.Result result = TextDiffer.compute(a, b, cancelled);
        String headline = "";
        if (oldText == null) {
            headline = b.isEmpty() ? messages.get("empty.added")
                    : messages.get("text.added", afterLabel(diff), messages.get("lines", b.size()));
        } else if (newText == null) {
            headline = a.isEmpty() ? messages.get("empty.deleted")
                    : messages.get("text.deleted", afterLabel(diff), messages.get("lines", a.size()));
        }
        StringBuilder notes = new StringBuilder();
        if (oldText != null && newText != null) {
            if (!oldText.encoding().equals(newText.encoding()) || oldText.bom() != newText.bom()) {
                append(notes, messages.get("text.encodingChanged", encodingName(oldText), encodingName(newText)));
            }
            if (!oldText.lineEnding().isEmpty() && !newText.lineEnding().isEmpty()
                    && !oldText.lineEnding().equals(newText.lineEnding())) {
                append(notes, messages.get("text.lineEndingsChanged", oldText.lineEnding(), newText.lineEnding()));
            }
        }
        if (!result.aligned()) {
            append(notes, messages.get("text.notAligned"));
        }
        if (result.inlineCapped()) {
            append(notes, messages.get("text.inlineCapped"));
        }
        SyntaxHighlighter h = new SyntaxHighlighter(Language.forPath(diff.path()));
        byte[] sa = h.startStates(a, cancelled);
        byte[] sb = h.startStates(b, cancelled);
        int longest = 0;
        for (String s : a) {
            longest = Math.max(longest, displayWidth(s));
        }
        for (String s : b) {
            longest = Math.max(longest, displayWidth(s));
        }
        return new TextOutcome(result, headline, notes.toString(), h, sa, sb, Math.max(a.size(), b.size()), longest);
    }

    /** Columns a line takes on screen, tabs counted as 4 (what the cells use). */
    private static int displayWidth(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); i++) {
            w += s.charAt(i) == '\t' ? 4 - (w % 4) : 1;
        }
        return w;
    }

    private static String encodingName(ContentSniffer.DecodedText t) {
        return t.bom() ? t.encoding() + " BOM" : t.encoding();
    }

    private static void append(StringBuilder sb, String s) {
        if (sb.length() > 0) {
            sb.append('\n');
        }
        sb.append(s);
    }

    private Outcome analyseImages(DiffInput diff, @Nullable String beforeFormat, @Nullable String afterFormat) {
        byte[] beforeBytes = diff.before();
        byte[] afterBytes = diff.after();
        long biggest = Math.max(beforeBytes == null ? 0 : beforeBytes.length, afterBytes == null ? 0 : afterBytes.length);
        if (biggest > MAX_IMAGE_BYTES) {
            return tooLarge(beforeBytes, afterBytes, biggest);
        }
        Image before = decode(beforeBytes);
        Image after = decode(afterBytes);
        if ((beforeBytes != null && before == null) || (afterBytes != null && after == null)) {
            return new MessageOutcome(DiffKind.BINARY, messages.get("image.unreadable"),
                    BinaryInspector.inspect(beforeBytes, afterBytes));
        }
        ImageInfo bi = imageInfo(before, beforeBytes, beforeFormat);
        ImageInfo ai = imageInfo(after, afterBytes, afterFormat);
        String summary;
        if (bi == null) {
            // DiffInput has at least one side, so with no "before" image there is an "after" one.
            ImageInfo added = Objects.requireNonNull(ai, "after image");
            summary = messages.get("image.added", dimensions(added), messages.size(added.bytes()));
        } else if (ai == null) {
            summary = messages.get("image.deleted", dimensions(bi), messages.size(bi.bytes()));
        } else {
            summary = messages.get("image.summary", dimensions(bi), dimensions(ai), messages.size(bi.bytes()),
                    messages.size(ai.bytes()));
        }
        return new ImageOutcome(before, after, bi, ai, summary);
    }

    /** Facts about one side; an image was decoded only from bytes whose format the sniffer recognised. */
    private static @Nullable ImageInfo imageInfo(@Nullable Image image, byte @Nullable [] bytes, @Nullable String format) {
        if (image == null) {
            return null;
        }
        return new ImageInfo((int) image.getWidth(), (int) image.getHeight(), Objects.requireNonNull(bytes, "bytes").length,
                Objects.requireNonNull(format, "format"));
    }

    private String dimensions(ImageInfo info) {
        // Plain digits: "1920×1080" reads better without a thousands separator.
        return messages.get("image.dimensions", Integer.toString(info.width()), Integer.toString(info.height()));
    }

    private static @Nullable Image decode(byte @Nullable [] bytes) {
        if (bytes == null) {
            return null;
        }
        Image image = new Image(new ByteArrayInputStream(bytes));
        return image.isError() || image.getWidth() <= 0 ? null : image;
    }

    private void computeDifference(ImageOutcome img, BooleanSupplier cancelled) {
        // Started only for an outcome with both images (see show).
        Image oldImage = Objects.requireNonNull(img.before(), "before image");
        Image newImage = Objects.requireNonNull(img.after(), "after image");
        int bw = (int) oldImage.getWidth();
        int bh = (int) oldImage.getHeight();
        int aw = (int) newImage.getWidth();
        int ah = (int) newImage.getHeight();
        if ((long) Math.max(bw, aw) * Math.max(bh, ah) > MAX_DIFFERENCE_PIXELS) {
            fx.execute(() -> {
                if (!cancelled.getAsBoolean()) {
                    differenceSummary.set(messages.get("image.tooLargeForDifference",
                            messages.get("image.dimensions", Integer.toString(Math.max(bw, aw)), Integer.toString(Math.max(bh, ah)))));
                }
            });
            return;
        }
        int[] a = pixels(oldImage);
        int[] b = pixels(newImage);
        if (cancelled.getAsBoolean()) {
            return;
        }
        ImageDifference d = ImageDifference.compute(a, bw, bh, b, aw, ah);
        WritableImage out = new WritableImage(d.width(), d.height());
        out.getPixelWriter().setPixels(0, 0, d.width(), d.height(), PixelFormat.getIntArgbInstance(), d.argb(), 0, d.width());
        String text = d.changedPixels() == 0 ? messages.get("image.samePixels")
                : messages.get("image.differs", messages.percent(d.changedFraction()), messages.number(d.changedPixels()),
                messages.number(d.totalPixels()));
        fx.execute(() -> {
            if (!cancelled.getAsBoolean()) {
                difference.set(d);
                differenceImage.set(out);
                differenceSummary.set(text);
            }
        });
    }

    private static int[] pixels(Image image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return argb;
    }

    // ---------------------------------------------------------------- publishing (fx thread)

    private void apply(Outcome outcome) {
        if (outcome instanceof TextOutcome t) {
            textResult = t.result();
            highlighter = t.highlighter();
            beforeStates = t.beforeStates();
            afterStates = t.afterStates();
            language.set(t.highlighter().language());
            addedLines.set(t.result().added());
            removedLines.set(t.result().removed());
            changeCount.set(t.result().hunks());
            maxLineNumber.set(t.maxLine());
            longestLine.set(t.longest());
            message.set(t.message());
            note.set(t.note());
            rebuildDisplay();
            setCurrentChange(t.result().hunks() > 0 ? 0 : -1);
            kind.set(DiffKind.TEXT);
        } else if (outcome instanceof ImageOutcome img) {
            beforeImage.set(img.before());
            afterImage.set(img.after());
            beforeImageInfo.set(img.beforeInfo());
            afterImageInfo.set(img.afterInfo());
            imageSummary.set(img.summary());
            message.set(img.summary());
            if (img.before() != null && img.after() != null) {
                differenceSummary.set(messages.get("image.computing"));
            }
            kind.set(DiffKind.IMAGE);
        } else if (outcome instanceof MessageOutcome m) {
            binary.set(m.binary());
            message.set(m.message());
            kind.set(m.kind());
        }
    }

    private void rebuildDisplay() {
        if (textResult == null) {
            lines.clear();
            hunkRows = new int[0];
            return;
        }
        TextDiffer.Display display = TextDiffer.display(textResult.rows(), textResult.hunks(), effectiveLayout(),
                expandedFolds, showAllLines.get());
        hunkRows = display.hunkRows();
        lines.setAll(display.lines());
        currentChangeLine.set(currentChange.get() < 0 ? -1 : hunkRows[currentChange.get()]);
    }

    private void setCurrentChange(int index) {
        currentChange.set(index);
        // Set to -1 first so the view scrolls again even when the row index happens to stay the same.
        currentChangeLine.set(-1);
        currentChangeLine.set(index < 0 ? -1 : hunkRows[index]);
        canGoNext.set(index < changeCount.get() - 1);
        canGoPrevious.set(index > 0);
    }

    private void reset() {
        input.set(null);
        kind.set(DiffKind.NONE);
        change.set(null);
        title.set("");
        subtitle.set("");
        note.set("");
        textResult = null;
        highlighter = null;
        beforeStates = new byte[0];
        afterStates = new byte[0];
        expandedFolds.clear();
        showAllLines.set(false);
        lines.clear();
        hunkRows = new int[0];
        addedLines.set(0);
        removedLines.set(0);
        changeCount.set(0);
        setCurrentChange(-1);
        language.set(Language.PLAIN);
        maxLineNumber.set(0);
        longestLine.set(0);
        beforeImage.set(null);
        afterImage.set(null);
        beforeImageInfo.set(null);
        afterImageInfo.set(null);
        imageSummary.set("");
        difference.set(null);
        differenceImage.set(null);
        differenceSummary.set("");
        binary.set(null);
        beforePreview.set(null);
        afterPreview.set(null);
    }

    private String beforeLabel(DiffInput d) {
        return d.beforeLabel() == null ? messages.get("before.default") : d.beforeLabel();
    }

    private String afterLabel(DiffInput d) {
        return d.afterLabel() == null ? messages.get("after.default") : d.afterLabel();
    }

    // ---------------------------------------------------------------- helpers the view uses

    /**
     * The layout rows are built for: an added or deleted file has only one side, so it is always shown
     * in one column (a side-by-side view would be half empty).
     */
    public TextLayout effectiveLayout() {
        FileChange c = change.get();
        return c == FileChange.ADDED || c == FileChange.DELETED ? TextLayout.UNIFIED : layout.get();
    }

    Messages messages() {
        return messages;
    }

    /** "12 345" style number, the size text and hex used by the binary panel. */
    String formatSize(long bytes) {
        return messages.size(bytes);
    }

    String formatOffset(long offset) {
        return messages.get("binary.firstDifference", messages.number(offset), Long.toHexString(offset).toUpperCase(Locale.ROOT));
    }

    static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
    }

    // ---------------------------------------------------------------- properties

    public ReadOnlyObjectProperty<DiffInput> inputProperty() {
        return input.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DiffKind> kindProperty() {
        return kind.getReadOnlyProperty();
    }

    public DiffKind getKind() {
        return kind.get();
    }

    public ReadOnlyObjectProperty<FileChange> changeProperty() {
        return change.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty subtitleProperty() {
        return subtitle.getReadOnlyProperty();
    }

    /** The friendly sentence for the current state ("New file in v3: all 12 lines are new."). */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Extra remarks about a text diff (encoding or line endings changed, limits hit), one per line. */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    public ObjectProperty<TextLayout> layoutProperty() {
        return layout;
    }

    /** True shows every unchanged line instead of folding long stretches. */
    public BooleanProperty showAllLinesProperty() {
        return showAllLines;
    }

    /** Rows of the text diff in the current layout, with folds. */
    public ObservableList<DiffLine> getLines() {
        return linesView;
    }

    public ReadOnlyIntegerProperty addedLinesProperty() {
        return addedLines.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty removedLinesProperty() {
        return removedLines.getReadOnlyProperty();
    }

    /** Number of separate changes (hunks). */
    public ReadOnlyIntegerProperty changeCountProperty() {
        return changeCount.getReadOnlyProperty();
    }

    /** Index of the change navigated to, -1 when there is none. */
    public ReadOnlyIntegerProperty currentChangeProperty() {
        return currentChange.getReadOnlyProperty();
    }

    /** Index in {@link #getLines()} of the first row of the current change, -1 when none. */
    public ReadOnlyIntegerProperty currentChangeLineProperty() {
        return currentChangeLine.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canGoNextProperty() {
        return canGoNext.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canGoPreviousProperty() {
        return canGoPrevious.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Language> languageProperty() {
        return language.getReadOnlyProperty();
    }

    /** Largest line number on either side (sizes the line-number gutters). */
    public ReadOnlyIntegerProperty maxLineNumberProperty() {
        return maxLineNumber.getReadOnlyProperty();
    }

    /** Longest line in columns (sizes horizontal scrolling). */
    public ReadOnlyIntegerProperty longestLineProperty() {
        return longestLine.getReadOnlyProperty();
    }

    public ObjectProperty<ImageMode> imageModeProperty() {
        return imageMode;
    }

    /** Swipe position 0..1: the old picture shows left of it, the new one right of it. */
    public DoubleProperty swipeProperty() {
        return swipe;
    }

    /** Opacity 0..1 of the new picture over the old one in onion-skin mode. */
    public DoubleProperty onionOpacityProperty() {
        return onionOpacity;
    }

    /** True scales pictures to fit the window; false shows them at 100%. */
    public BooleanProperty fitToWindowProperty() {
        return fitToWindow;
    }

    public ReadOnlyObjectProperty<Image> beforeImageProperty() {
        return beforeImage.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Image> afterImageProperty() {
        return afterImage.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ImageInfo> beforeImageInfoProperty() {
        return beforeImageInfo.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ImageInfo> afterImageInfoProperty() {
        return afterImageInfo.getReadOnlyProperty();
    }

    /** "1920×1080 → 2048×1080, 2.1 MB → 2.3 MB". */
    public ReadOnlyStringProperty imageSummaryProperty() {
        return imageSummary.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ImageDifference> differenceProperty() {
        return difference.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Image> differenceImageProperty() {
        return differenceImage.getReadOnlyProperty();
    }

    /** "3.1% of pixels differ (…)", or a note while it is computed. */
    public ReadOnlyStringProperty differenceSummaryProperty() {
        return differenceSummary.getReadOnlyProperty();
    }

    /** Sizes and hashes for binary and too-large files; null otherwise. */
    public ReadOnlyObjectProperty<BinarySummary> binaryProperty() {
        return binary.getReadOnlyProperty();
    }

    /**
     * What a full reader found in the old side of a binary or too-large file (thumbnail, PDF pages, a
     * recording's length); null while it is read, or when the side has no known kind.
     */
    public ReadOnlyObjectProperty<Preview> beforePreviewProperty() {
        return beforePreview.getReadOnlyProperty();
    }

    /** The same for the new side. */
    public ReadOnlyObjectProperty<Preview> afterPreviewProperty() {
        return afterPreview.getReadOnlyProperty();
    }
}
