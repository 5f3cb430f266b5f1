package io.kamaros.app.details;

import io.kamaros.app.diff.DiffInput;
import io.kamaros.app.diff.DiffView;
import io.kamaros.app.diff.DiffViewModel;
import javafx.scene.Node;

/** The full diff viewer ({@link DiffView}: text, images, binaries) behind the app's {@link DiffArea}. */
public final class DiffViewerArea implements DiffArea {
    private final DiffViewModel viewModel;
    private final DiffView view;

    public DiffViewerArea() {
        this(new DiffViewModel());
    }

    public DiffViewerArea(DiffViewModel viewModel) {
        this.viewModel = viewModel;
        this.view = new DiffView(viewModel);
    }

    @Override
    public Node node() {
        return view;
    }

    @Override
    public void show(DiffInput input) {
        viewModel.show(input);
    }

    @Override
    public void showMessage(String text) {
        viewModel.clear(text);
    }

    public DiffViewModel viewModel() {
        return viewModel;
    }
}
