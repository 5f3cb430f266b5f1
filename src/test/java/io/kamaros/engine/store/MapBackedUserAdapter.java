package io.kamaros.engine.store;

import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a user writes for their own storage (the seed's "Custom Adapters"): only the five abstract
 * methods, so every other operation runs on the interface's defaults.
 */
public class MapBackedUserAdapter implements FileSystemAdapter {
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    @Override
    public byte[] readFile(String path) throws NoSuchFileException {
        byte[] data = files.get(path);
        if (data == null) {
            throw new NoSuchFileException(path);
        }
        return data.clone();
    }

    @Override
    public void writeFile(String path, byte[] data) {
        files.put(path, data.clone());
    }

    @Override
    public boolean fileExists(String path) {
        return files.containsKey(path);
    }

    @Override
    public void deleteFile(String path) {
        files.remove(path);
    }

    @Override
    public List<String> listFiles(String directory) {
        String prefix = directory.isEmpty() ? "" : directory + "/";
        List<String> out = new ArrayList<>();
        for (String key : files.keySet()) {
            if (key.startsWith(prefix)) {
                out.add(key.substring(prefix.length()));
            }
        }
        return out;
    }
}
