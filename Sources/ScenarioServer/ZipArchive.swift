import Foundation

/// A ZIP archive of stored (uncompressed) files, the run folder the page's "Download" gives
/// (model.md §21): UTF-8 names, a fixed date (1980-01-01) so the same run gives the same bytes, no
/// ZIP64 (a run folder is far below 4 GiB; larger input is refused).
enum ZipArchive {
    /// Why an archive cannot be made.
    struct TooLarge: Error {}

    /// The archive of `files` in order, each inside folder `folder/` (empty: at the top).
    static func make(_ files: [(name: String, data: Data)], folder: String = "") throws(TooLarge) -> Data {
        var archive = Data()
        var central = Data()
        for (name, data) in files {
            guard data.count < Int(UInt32.max), archive.count < Int(UInt32.max) else { throw TooLarge() }
            let path = Array((folder.isEmpty ? name : "\(folder)/\(name)").utf8)
            let crc = CRC32.checksum(data)
            let offset = UInt32(archive.count)
            // Local file header.
            archive.append(le32: 0x0403_4B50)
            archive.append(common(crc: crc, size: UInt32(data.count), nameLength: path.count))
            archive.append(contentsOf: path)
            archive.append(data)
            // Central directory entry.
            central.append(le32: 0x0201_4B50)
            central.append(le16: 0x0314)  // made by: Unix, version 2.0
            central.append(common(crc: crc, size: UInt32(data.count), nameLength: path.count))
            central.append(le16: 0)  // comment length
            central.append(le16: 0)  // disk number
            central.append(le16: 0)  // internal attributes
            central.append(le32: 0o100644 << 16)  // external attributes: a regular file, rw-r--r--
            central.append(le32: offset)
            central.append(contentsOf: path)
        }
        guard archive.count < Int(UInt32.max), files.count < 0xFFFF else { throw TooLarge() }
        let centralOffset = UInt32(archive.count)
        archive.append(central)
        archive.append(le32: 0x0605_4B50)
        archive.append(le16: 0)
        archive.append(le16: 0)
        archive.append(le16: UInt16(files.count))
        archive.append(le16: UInt16(files.count))
        archive.append(le32: UInt32(central.count))
        archive.append(le32: centralOffset)
        archive.append(le16: 0)
        return archive
    }

    /// The fields local and central headers share, from "version needed" to "extra length".
    private static func common(crc: UInt32, size: UInt32, nameLength: Int) -> Data {
        var data = Data()
        data.append(le16: 20)  // version needed: 2.0
        data.append(le16: 0x0800)  // flags: UTF-8 names
        data.append(le16: 0)  // method: stored
        data.append(le16: 0)  // time 00:00
        data.append(le16: 0x0021)  // date 1980-01-01
        data.append(le32: crc)
        data.append(le32: size)  // compressed size
        data.append(le32: size)  // uncompressed size
        data.append(le16: UInt16(nameLength))
        data.append(le16: 0)  // extra length
        return data
    }
}

extension Data {
    fileprivate mutating func append(le16 value: UInt16) {
        append(contentsOf: [UInt8(value & 0xFF), UInt8(value >> 8)])
    }

    fileprivate mutating func append(le32 value: UInt32) {
        append(contentsOf: (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) })
    }
}
