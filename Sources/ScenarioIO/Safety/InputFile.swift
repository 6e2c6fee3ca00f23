import Foundation

/// Reading one input file (输入文件) with plain reasons when it cannot be read: a folder, a
/// named pipe (FIFO, never opened, so nothing blocks), a device, a symbolic-link loop, a
/// missing file or no permission — instead of "NSCocoaErrorDomain error 256" (issue 23).
public enum InputFile {
    /// Why a path could not be read.
    public struct Unreadable: Error, CustomStringConvertible {
        /// The reason, e.g. "it is a folder, not a file".
        public var reason: String
        /// The reason.
        public var description: String { reason }
    }

    /// The bytes of the regular file at `path` (symbolic links followed).
    public static func read(_ path: String) throws -> Data {
        var info = stat()
        guard stat(path, &info) == 0 else { throw Unreadable(reason: posixReason(errno)) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw Unreadable(reason: "it is a folder, not a file")
        case S_IFIFO: throw Unreadable(reason: "it is a named pipe (FIFO), not a file; save the data to a file first")
        default: throw Unreadable(reason: "it is a device or socket, not a file")
        }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw Unreadable(reason: reason(error))
        }
    }

    /// A plain reason for a file-system error thrown by Foundation or by `read`.
    public static func reason(_ error: Error) -> String {
        if let error = error as? Unreadable { return error.reason }
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain { return posixReason(Int32(nsError.code)) }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return posixReason(Int32(underlying.code))
        }
        if nsError.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: nsError.code) {
            case .fileReadNoSuchFile, .fileNoSuchFile: return "no such file"
            case .fileReadNoPermission, .fileWriteNoPermission: return "permission denied"
            case .fileWriteOutOfSpace: return "no space left on the disk; free space or write elsewhere with --out"
            case .fileWriteVolumeReadOnly: return "the disk is read-only; write elsewhere with --out"
            default: break
            }
        }
        return nsError.localizedDescription
    }

    /// A plain reason for `code` (`errno`).
    static func posixReason(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file"
        case EACCES, EPERM: "permission denied"
        case ELOOP: "a loop of symbolic links (a link that points back to itself); point it at a real file"
        case ENOTDIR: "a part of the path is a file, not a folder"
        case ENAMETOOLONG: "the path is too long"
        case ENOSPC: "no space left on the disk; free space or write elsewhere with --out"
        case EROFS: "the disk is read-only; write elsewhere with --out"
        case EISDIR: "it is a folder, not a file"
        default: String(cString: strerror(code))
        }
    }
}
