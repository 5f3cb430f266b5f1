package io.kamaros.app.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The extension points of the main window: tools listed in the Tools menu, and the one Settings
 * entry (File → Settings…, Ctrl+,). Features register here when the app starts
 * ({@code KamarosApp#registerFeatures}); the menus are built from what is registered.
 */
public final class ToolRegistry {
    private final List<AppTool> tools = new ArrayList<>();
    private @Nullable AppTool settings;

    public ToolRegistry register(AppTool tool) {
        tools.add(tool);
        return this;
    }

    public List<AppTool> tools() {
        return List.copyOf(tools);
    }

    public ToolRegistry registerSettings(AppTool settingsPage) {
        settings = settingsPage;
        return this;
    }

    public Optional<AppTool> settings() {
        return Optional.ofNullable(settings);
    }
}
