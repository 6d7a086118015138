package dev.podcastsearch.support.lambda;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Zips and unzips a deployment package keeping each file's modification time and POSIX permissions, as Lambda does
 * when it unpacks a package: the {@code bootstrap} of a custom runtime must stay executable, and an AOT cache is only
 * used with jars whose times are those it was written with. The JDK's zip file system writes and reads both.
 */
public final class PackageFiles {

    private static final Map<String, String> POSIX = Map.of("enablePosixFileAttributes", "true");

    private PackageFiles() {
    }

    /** Writes {@code directory}'s files into a new zip, named relative to the directory, in name order. */
    public static void zip(Path directory, Path zip) throws IOException {
        Files.deleteIfExists(zip);
        try (FileSystem out = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()),
                Map.of("create", "true", "enablePosixFileAttributes", "true"));
                Stream<Path> walk = Files.walk(directory)) {
            for (Path file : walk.sorted().toList()) {
                if (file.equals(directory)) {
                    continue;
                }
                Path entry = out.getPath("/").resolve(directory.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(entry);
                } else {
                    Files.copy(file, entry);
                }
                Files.setPosixFilePermissions(entry, Files.getPosixFilePermissions(file));
                Files.setLastModifiedTime(entry, Files.getLastModifiedTime(file));
            }
        }
    }

    /** Unpacks {@code zip} into {@code target} with the times and permissions its entries carry. */
    public static void unpack(Path zip, Path target) throws IOException {
        try (FileSystem in = FileSystems.newFileSystem(zip, POSIX);
                Stream<Path> walk = Files.walk(in.getPath("/"))) {
            List<Path> entries = walk.sorted().toList();
            for (Path entry : entries) {
                if (entry.getNameCount() == 0) {
                    continue;
                }
                Path file = target.resolve(in.getPath("/").relativize(entry).toString()).normalize();
                if (!file.startsWith(target)) {
                    throw new IOException("zip entry outside the target directory: " + entry);
                }
                if (Files.isDirectory(entry)) {
                    Files.createDirectories(file);
                } else {
                    Files.copy(entry, file);
                    setAttributes(entry, file);
                }
            }
            // Directories last: writing their files changed their times.
            for (int i = entries.size() - 1; i >= 0; i--) {
                Path entry = entries.get(i);
                if (entry.getNameCount() > 0 && Files.isDirectory(entry)) {
                    setAttributes(entry, target.resolve(in.getPath("/").relativize(entry).toString()));
                }
            }
        }
    }

    private static void setAttributes(Path entry, Path file) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(entry);
        if (!permissions.isEmpty()) {
            Files.setPosixFilePermissions(file, permissions);
        }
        FileTime time = Files.getLastModifiedTime(entry);
        Files.setLastModifiedTime(file, time);
    }
}
