package org.msrprelay.tls.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * What the reload check compares: for each watched file its modification time, size and file
 * key (the inode on Unix, so a rename over the file is seen even with the same time and size).
 * Symbolic links are followed, so a swapped link target counts as a change.
 */
record FileState(List<Entry> entries) {

    /** One file; {@code modified == null} means missing or unreadable. */
    record Entry(Path path, FileTime modified, long size, Object fileKey) {
    }

    FileState {
        entries = List.copyOf(entries);
    }

    /** Reads the state of the files now. */
    static FileState of(List<Path> files) {
        List<Entry> entries = new ArrayList<>(files.size());
        for (Path file : files) {
            entries.add(entry(file));
        }
        return new FileState(entries);
    }

    private static Entry entry(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Entry(file, attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
        } catch (IOException e) {
            return new Entry(file, null, -1, null);
        }
    }
}
