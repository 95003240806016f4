#include "cli/report_text.hpp"

#include "cli/formatting.hpp"

#include <algorithm>
#include <iomanip>
#include <string>
#include <string_view>
#include <vector>

namespace pico::cli {
namespace {

constexpr int key_width = 16;

// Metainfo strings are untrusted: a comment must not move the cursor or recolour the
// terminal. Control characters other than newline become '?'.
std::string printable(std::string_view s)
{
    std::string out(s);
    for (char& c : out) {
        auto const b = static_cast<unsigned char>(c);
        if ((b < 0x20 && c != '\n') || b == 0x7f)
            c = '?';
    }
    return out;
}

// "key:" padded to the value column; each further line of the value starts at that column.
void field(std::ostream& out, std::string_view key, std::vector<std::string> const& lines)
{
    std::string const label = std::string(key) + ":";
    out << std::left << std::setw(key_width) << label << std::right;
    if (lines.empty()) {
        out << "-\n";
        return;
    }
    bool first = true;
    for (auto const& value : lines) {
        std::string_view rest = value;
        while (true) {
            auto const nl = rest.find('\n');
            if (!first)
                out << std::string(key_width, ' ');
            out << printable(rest.substr(0, nl)) << '\n';
            first = false;
            if (nl == std::string_view::npos)
                break;
            rest.remove_prefix(nl + 1);
        }
    }
}

void field(std::ostream& out, std::string_view key, std::optional<std::string> const& value)
{
    field(out, key, value ? std::vector<std::string>{*value} : std::vector<std::string>{});
}

void field(std::ostream& out, std::string_view key, std::string const& value)
{
    field(out, key, std::vector<std::string>{value});
}

std::string with_size(std::int64_t bytes)
{
    return std::to_string(bytes) + " (" + format_size(bytes) + ")";
}

std::string attributes(file_report const& f)
{
    std::string a;
    if (f.pad)
        a += 'p';
    if (f.executable)
        a += 'x';
    if (f.hidden)
        a += 'h';
    if (f.symlink_target)
        a += 'l';
    return a.empty() ? "-" : a;
}

void file_table(std::ostream& out, torrent_report const& r)
{
    auto const pads =
        std::count_if(r.files.begin(), r.files.end(), [](file_report const& f) { return f.pad; });
    std::string count = std::to_string(r.files.size() - static_cast<std::size_t>(pads));
    if (pads > 0)
        count += " (+" + std::to_string(pads) + " pad file" + (pads == 1 ? ")" : "s)");
    field(out, "files", count);

    std::size_t width = 6;
    for (auto const& f : r.files)
        width = std::max({width, std::to_string(f.offset).size(), std::to_string(f.size).size()});
    auto const w = static_cast<int>(width);
    out << '\n'
        << "  " << std::setw(w) << "offset"
        << "  " << std::setw(w) << "size"
        << "  attr  path\n";
    for (auto const& f : r.files) {
        out << "  " << std::setw(w) << f.offset << "  " << std::setw(w) << f.size << "  " << std::left
            << std::setw(4) << attributes(f) << std::right << "  " << printable(f.path);
        if (f.symlink_target)
            out << " -> " << printable(*f.symlink_target);
        out << '\n';
    }
}

void hash_list(std::ostream& out, std::vector<std::string> const& hashes, std::string_view indent)
{
    int const w = static_cast<int>(std::max<std::size_t>(std::to_string(hashes.size()).size(), 1));
    for (std::size_t i = 0; i < hashes.size(); ++i)
        out << indent << std::setw(w) << i << "  " << hashes[i] << '\n';
}

void pieces(std::ostream& out, torrent_report const& r)
{
    if (r.info_hash_v1) {
        out << "\npieces (v1, SHA-1):\n";
        hash_list(out, r.piece_hashes, "  ");
    }
    if (r.info_hash_v2) {
        out << "\npiece layers (v2, SHA-256, per file):\n";
        for (auto const& f : r.files) {
            if (!f.pieces_root)
                continue;
            out << "  " << printable(f.path) << "  (root " << *f.pieces_root << ")\n";
            hash_list(out, f.piece_layer, "    ");
        }
    }
}

} // namespace

void write_text_report(std::ostream& out, torrent_report const& r, bool show_pieces)
{
    field(out, "name", r.name);
    field(out, "format", std::string(r.format()));
    field(out, "info hash v1", r.info_hash_v1);
    field(out, "info hash v2", r.info_hash_v2);
    field(out, "magnet", r.magnet_link);
    field(out, "announce", r.announce);
    std::vector<std::string> tiers;
    for (std::size_t t = 0; t < r.announce_list.size(); ++t) {
        for (auto const& url : r.announce_list[t])
            tiers.push_back("tier " + std::to_string(t + 1) + "  " + url);
    }
    field(out, "announce-list", tiers);
    field(out, "url-list", r.url_list);
    if (!r.http_seeds.empty())
        field(out, "httpseeds", r.http_seeds);
    std::vector<std::string> nodes;
    for (auto const& n : r.nodes) {
        bool const v6 = n.host.find(':') != std::string::npos;
        nodes.push_back((v6 ? "[" + n.host + "]" : n.host) + ":" + std::to_string(n.port));
    }
    field(out, "nodes", nodes);
    field(out, "private", std::string(r.is_private ? "yes" : "no"));
    field(out, "comment", r.comment);
    field(out, "created by", r.created_by);
    field(out, "creation date",
          r.creation_date ? std::optional<std::string>(format_utc_iso8601(*r.creation_date)) : std::nullopt);
    field(out, "piece length", with_size(r.piece_length));
    field(out, "piece count", std::to_string(r.piece_count));
    field(out, "total size", with_size(r.total_size));
    field(out, "payload size", with_size(r.payload_size()));
    file_table(out, r);
    if (show_pieces)
        pieces(out, r);
}

} // namespace pico::cli
