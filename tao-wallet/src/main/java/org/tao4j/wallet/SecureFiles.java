package org.tao4j.wallet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Private files for key material: directories 0700, files 0600 from the moment they exist, and
 * written atomically (temporary file in the same directory, fsync, rename) so a crash or a full
 * disk never leaves a half-written key in place of a good one. On file systems without POSIX
 * permissions the modes are skipped; the atomic write still holds.
 */
final class SecureFiles {
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    static final String TEMP_SUFFIX = ".tmp";

    private SecureFiles() {}

    /**
     * The permissions of {@code file} as {@code rw-r--r--} when users other than its owner can read
     * it; empty when they cannot, when the file system has no POSIX permissions, or when the file
     * cannot be read at all (reading it fails later with a better message).
     */
    static java.util.Optional<String> readableByOthers(Path file) {
        java.nio.file.attribute.PosixFileAttributeView view =
                Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class);
        if (view == null) {
            return java.util.Optional.empty();
        }
        try {
            Set<PosixFilePermission> perms = view.readAttributes().permissions();
            return perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)
                    ? java.util.Optional.of(PosixFilePermissions.toString(perms))
                    : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Creates {@code dir} and missing parents as 0700; existing directories are left as they are. */
    static void createPrivateDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            if (posix(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
            } else {
                Files.createDirectories(dir);
            }
        } catch (FileAlreadyExistsException e) {
            // a file where a directory should be; reported as such, so that callers can keep
            // FileAlreadyExistsException to mean "the key file itself exists"
            throw new FileSystemException(e.getFile(), null, "a file is in the way of a directory");
        }
    }

    /**
     * Writes {@code content} to {@code target} atomically, mode 0600.
     *
     * @param replace whether an existing {@code target} may be replaced
     * @throws FileAlreadyExistsException if it exists and {@code replace} is false; the check and
     *     the write are one step (a hard link, which fails if the name is taken), so two processes
     *     cannot both create the same key
     */
    static void writeAtomically(Path target, byte[] content, boolean replace) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        createPrivateDirectories(dir);
        FileAttribute<?>[] attrs = posix(dir)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_MODE)}
                : new FileAttribute<?>[0];
        // hidden and ".tmp": never mistaken for a wallet, a hotkey or a key file by the listings
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", TEMP_SUFFIX, attrs);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            if (replace) {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } else {
                linkOrMove(tmp, target);
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void linkOrMove(Path tmp, Path target) throws IOException {
        try {
            Files.createLink(target, tmp);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | IOException e) {
            // no hard links here (some network and FAT file systems): check, then rename
            if (Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    // makes the rename itself durable; best effort, since not every platform can open a directory
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            // the data is written; only the crash-durability of the name is weaker here
        }
    }

    /** A short reason for an I/O failure, for one-line messages. */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.replaceAll("\\s+", " ");
    }
}
