#include "cli/metainfo_diagnosis.hpp"

#include "cli/echo.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <libtorrent/error_code.hpp>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace pico::cli {
namespace {

using node = lt::bdecode_node;
using finding = std::optional<metainfo_error>;

constexpr std::int64_t sha1_size = 20;
constexpr std::int64_t sha256_size = 32;
constexpr std::int64_t block_size = 16 * 1024;
// bdecode already stops at lt::load_torrent_limits::max_decode_depth (100); this guard keeps
// the walk bounded even for a tree decoded with other limits.
constexpr int max_tree_depth = 100;
// A key quoted in a message: escaped and short (a 100,000-byte key is not a message).
constexpr std::size_t max_key_size = 64;

char const* type_name(node::type_t t)
{
    switch (t) {
    case node::dict_t:
        return "a dictionary";
    case node::list_t:
        return "a list";
    case node::string_t:
        return "a string";
    case node::int_t:
        return "an integer";
    case node::none_t:
        break;
    }
    return "nothing";
}

metainfo_error at(node const& n, std::string const& problem)
{
    return metainfo_error(problem, n.data_offset());
}

metainfo_error wrong_type(node const& n, std::string const& where, node::type_t want)
{
    return at(n, "'" + where + "' is " + type_name(n.type()) + ", not " + type_name(want));
}

// Looks `key` up in `dict` (whose path is `where`): a missing key is reported at the
// dictionary, a value of the wrong type at the value.
finding require(node const& dict, std::string const& where, char const* key, node::type_t want, node& out)
{
    out = dict.dict_find(key);
    std::string const path = where.empty() ? std::string(key) : where + "." + key;
    if (!out)
        return at(dict,
                  (where.empty() ? std::string("the torrent") : "'" + where + "'") + " has no '" + key + "'");
    if (out.type() != want)
        return wrong_type(out, path, want);
    return std::nullopt;
}

// A file's "length": present, an integer, not negative. Symlinks need none.
finding check_length(node const& file, std::string const& where, bool symlink, std::int64_t& length)
{
    length = 0;
    if (symlink)
        return std::nullopt;
    node n;
    if (auto f = require(file, where, "length", node::int_t, n))
        return f;
    length = n.int_value();
    if (length < 0)
        return at(n, "'" + where + ".length' is negative (" + std::to_string(length) + ")");
    return std::nullopt;
}

bool has_attr(node const& file, char attr)
{
    return file.dict_find_string_value("attr").find(attr) != std::string_view::npos;
}

// The v1 "files" list: every entry a dictionary with a length and a path of strings.
finding check_file_list(node const& files, std::int64_t& total)
{
    total = 0;
    for (int i = 0; i < files.list_size(); ++i) {
        std::string const where = "info.files[" + std::to_string(i) + "]";
        node const file = files.list_at(i);
        if (file.type() != node::dict_t)
            return wrong_type(file, where, node::dict_t);
        std::int64_t length = 0;
        if (auto f = check_length(file, where, has_attr(file, 'l'), length))
            return f;
        total += length;
        node path = file.dict_find_list("path.utf-8");
        if (!path)
            path = file.dict_find("path");
        if (!path || (path.type() == node::list_t && path.list_size() == 0)) {
            if (has_attr(file, 'p'))
                continue; // pad files may go without a path
            return at(path ? path : file, "'" + where + "' has no path");
        }
        if (path.type() != node::list_t)
            return wrong_type(path, where + ".path", node::list_t);
        for (int j = 0; j < path.list_size(); ++j) {
            if (path.list_at(j).type() != node::string_t)
                return wrong_type(path.list_at(j), where + ".path[" + std::to_string(j) + "]",
                                  node::string_t);
        }
    }
    if (files.list_size() == 0)
        return at(files, "'info.files' is empty");
    return std::nullopt;
}

// The v2 "file tree": directories are dictionaries; a file is a dictionary under the
// empty key with a length and a 32-byte "pieces root".
finding check_file_tree(node const& dir, std::string const& where, int& files, int depth = 0)
{
    if (depth > max_tree_depth)
        return at(dir, "'info.file tree' nests deeper than " + std::to_string(max_tree_depth) + " levels");
    for (int i = 0; i < dir.dict_size(); ++i) {
        auto const [key, child] = dir.dict_at(i);
        std::string const path =
            where + "." +
            (key.empty() ? std::string("''") : echo(std::string_view(key.data(), key.size()), max_key_size));
        if (child.type() != node::dict_t)
            return wrong_type(child, path, node::dict_t);
        if (!key.empty()) {
            if (auto f = check_file_tree(child, path, files, depth + 1))
                return f;
            continue;
        }
        ++files;
        if (has_attr(child, 'p'))
            return at(child, "'" + path + "' is a pad file, which v2 file trees must not contain");
        bool const symlink = has_attr(child, 'l');
        std::int64_t length = 0;
        if (auto f = check_length(child, path, symlink, length))
            return f;
        if (symlink || length == 0)
            continue;
        node root;
        if (auto f = require(child, path, "pieces root", node::string_t, root))
            return f;
        if (root.string_length() != sha256_size)
            return at(root, "'" + path + ".pieces root' is " + std::to_string(root.string_length()) +
                                " bytes, not 32");
    }
    return std::nullopt;
}

// Every check libtorrent makes, in its order, with the location of the failure.
finding find_problem(node const& root)
{
    if (root.type() != node::dict_t)
        return at(root, std::string("the top level is ") + type_name(root.type()) + ", not a dictionary");
    node info;
    if (auto f = require(root, "", "info", node::dict_t, info))
        return f;

    int version = -1;
    if (node const mv = info.dict_find_int("meta version")) {
        version = static_cast<int>(std::min<std::int64_t>(mv.int_value(), std::numeric_limits<int>::max()));
        if (version > 2)
            return at(mv, "unsupported 'info.meta version' " + std::to_string(mv.int_value()));
        std::array<char, 200> soft{};
        if (version > 0 && info.has_soft_error(soft))
            return at(info, std::string("'info' is not canonical bencoding: ") + soft.data());
    }

    node pl;
    if (auto f = require(info, "info", "piece length", node::int_t, pl))
        return f;
    std::int64_t const piece_length = pl.int_value();
    if (piece_length <= 0)
        return at(pl, "'info.piece length' is " + std::to_string(piece_length) + "; it must be positive");
    if (piece_length > std::numeric_limits<int>::max() / 2)
        return at(pl, "'info.piece length' " + std::to_string(piece_length) + " is too large");
    if (version >= 2 && (piece_length < block_size || (piece_length & (piece_length - 1)) != 0))
        return at(pl, "'info.piece length' " + std::to_string(piece_length) +
                          " is not a power of two of at least 16 KiB, as v2 requires");

    if (!info.dict_find_string("name.utf-8")) {
        node name;
        if (auto f = require(info, "info", "name", node::string_t, name))
            return f;
    }

    node const files = info.dict_find("files");
    node const tree = info.dict_find("file tree");
    if (version >= 2) {
        if (!tree)
            return at(info, "'info' has no 'file tree', which 'meta version' 2 requires");
        if (tree.type() != node::dict_t)
            return wrong_type(tree, "info.file tree", node::dict_t);
        int count = 0;
        if (auto f = check_file_tree(tree, "info.file tree", count))
            return f;
        if (count == 0)
            return at(tree, "'info.file tree' lists no files");
    } else if (tree) {
        return at(tree, "'info.file tree' needs 'info.meta version' 2");
    }

    // v1 (and the v1 half of a hybrid): "files", or "length" for a single file.
    std::int64_t total = -1;
    if (files && files.type() == node::list_t) {
        if (auto f = check_file_list(files, total))
            return f;
    } else if (version < 2 || info.dict_find("length")) {
        if (files)
            return wrong_type(files, "info.files", node::list_t);
        if (!info.dict_find("length"))
            return at(info, "'info' has neither 'length' nor 'files'");
        if (auto f = check_length(info, "info", false, total))
            return f;
    }

    node const pieces = info.dict_find("pieces");
    if (version < 2 || pieces) {
        node p;
        if (auto f = require(info, "info", "pieces", node::string_t, p))
            return f;
        if (p.string_length() % sha1_size != 0)
            return at(p, "'info.pieces' is " + std::to_string(p.string_length()) +
                             " bytes, not a multiple of 20");
        if (total == 0)
            return at(files ? files : info.dict_find("length"), "the torrent's files are all empty");
        if (total > 0) {
            std::int64_t const expected = (total + piece_length - 1) / piece_length;
            if (p.string_length() / sha1_size != expected)
                return at(p, "'info.pieces' holds " + std::to_string(p.string_length() / sha1_size) +
                                 " hashes but " + std::to_string(total) + " bytes in pieces of " +
                                 std::to_string(piece_length) + " need " + std::to_string(expected));
        }
    }

    if (version >= 2) {
        node layers;
        if (auto f = require(root, "", "piece layers", node::dict_t, layers))
            return f;
    }
    return std::nullopt;
}

// Where a libtorrent error points when find_problem had nothing more precise: the key it
// concerns, else the nearest existing parent.
metainfo_error locate(node const& root, lt::error_code const& ec)
{
    std::vector<char const*> path{"info"};
    if (ec.category() == lt::libtorrent_category()) {
        switch (ec.value()) {
        case lt::errors::torrent_missing_pieces:
        case lt::errors::torrent_invalid_hashes:
            path.push_back("pieces");
            break;
        case lt::errors::torrent_missing_piece_length:
        case lt::errors::invalid_piece_size:
        case lt::errors::too_many_pieces_in_torrent:
            path.push_back("piece length");
            break;
        case lt::errors::torrent_missing_name:
            path.push_back("name");
            break;
        case lt::errors::torrent_invalid_name:
        case lt::errors::torrent_invalid_length:
        case lt::errors::no_files_in_torrent:
            path.push_back(root.dict_find_dict("info").dict_find("files") ? "files" : "length");
            break;
        case lt::errors::torrent_missing_file_tree:
        case lt::errors::torrent_missing_meta_version:
        case lt::errors::torrent_unknown_version:
        case lt::errors::torrent_inconsistent_files:
        case lt::errors::torrent_missing_pieces_root:
        case lt::errors::torrent_invalid_pad_file:
            path.push_back("file tree");
            break;
        case lt::errors::torrent_missing_piece_layer:
        case lt::errors::torrent_invalid_piece_layer:
            path = {"piece layers"};
            break;
        default:
            break;
        }
    }
    node n = root;
    std::string where;
    for (char const* key : path) {
        node const child = n.type() == node::dict_t ? n.dict_find(key) : node();
        if (!child)
            break;
        n = child;
        // Appends, not `"." + std::string(key)`, which GCC 12 at -O3 reports as a false -Wrestrict.
        if (!where.empty())
            where += '.';
        where += key;
    }
    auto message = ec.message();
    if (!where.empty()) {
        message += " in '";
        message += where;
        message += '\'';
    }
    return at(n, message);
}

} // namespace

metainfo_error diagnose_metainfo(node const& root, lt::error_code const& ec)
{
    if (auto f = find_problem(root))
        return *f;
    return locate(root, ec);
}

} // namespace pico::cli
