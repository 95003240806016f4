#include "app/remote/remote_format.hpp"

#include "app/progress_display.hpp"
#include "util/byte_size.hpp"
#include "util/printable.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <sstream>

namespace pico::app::remote {

using json = nlohmann::json;

namespace {

std::int64_t int_of(json const& o, char const* key)
{
    return o.contains(key) && o[key].is_number() ? o[key].get<std::int64_t>() : 0;
}
double number_of(json const& o, char const* key)
{
    return o.contains(key) && o[key].is_number() ? o[key].get<double>() : 0.0;
}
std::string text_of(json const& o, char const* key)
{
    // Names come from torrents anyone can make: escape control characters before a terminal sees them.
    return o.contains(key) && o[key].is_string() ? util::printable(o[key].get<std::string>(), 200)
                                                 : std::string();
}

std::string percent(double fraction)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.1f%%", std::clamp(fraction, 0.0, 1.0) * 100.0);
    return buf;
}

std::string rate(std::int64_t bytes_per_second)
{
    return bytes_per_second <= 0 ? "-" : util::format_size(bytes_per_second) + "/s";
}

// Columns padded to their widest cell; the last column is left unpadded.
std::string render(std::vector<std::vector<std::string>> const& rows, std::vector<bool> const& right_aligned)
{
    std::vector<std::size_t> width(rows.front().size(), 0);
    for (auto const& row : rows)
        for (std::size_t i = 0; i < row.size(); ++i)
            width[i] = std::max(width[i], row[i].size());
    std::ostringstream out;
    for (auto const& row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            bool const last = i + 1 == row.size();
            std::string const pad(width[i] - row[i].size(), ' ');
            out << (right_aligned[i] ? pad + row[i] : row[i] + (last ? "" : pad)) << (last ? "\n" : "  ");
        }
    }
    return out.str();
}

} // namespace

std::string status_text(int status)
{
    static constexpr std::array<char const*, 17> names{"unknown",
                                                       "checking resume data",
                                                       "complete",
                                                       "downloading",
                                                       "downloading (checking)",
                                                       "downloading (forced)",
                                                       "downloading metadata",
                                                       "downloading (paused)",
                                                       "downloading (queued)",
                                                       "downloading (stalled)",
                                                       "error",
                                                       "uploading",
                                                       "uploading (checking)",
                                                       "uploading (forced)",
                                                       "uploading (paused)",
                                                       "uploading (queued)",
                                                       "uploading (stalled)"};
    return status >= -1 && status <= 15 ? names[static_cast<std::size_t>(status + 1)] : "unknown";
}

std::string torrent_table(std::vector<json> const& torrents)
{
    std::vector<std::vector<std::string>> rows{
        {"ID", "Done", "Size", "Down", "Up", "ETA", "Ratio", "Status", "Name"}};
    std::int64_t total_size = 0, total_down = 0, total_up = 0;
    for (auto const& t : torrents) {
        char ratio[16];
        std::snprintf(ratio, sizeof ratio, "%.2f", number_of(t, "ratio"));
        auto const status = static_cast<int>(int_of(t, "status"));
        std::string status_cell = status_text(status);
        if (status == 9 && !text_of(t, "error").empty())
            status_cell += ": " + text_of(t, "error");
        rows.push_back({text_of(t, "info_hash").substr(0, 8), percent(number_of(t, "progress")),
                        util::format_size(int_of(t, "size")), rate(int_of(t, "dl_rate")),
                        rate(int_of(t, "ul_rate")), format_eta(int_of(t, "eta")), ratio, status_cell,
                        text_of(t, "name")});
        total_size += int_of(t, "size");
        total_down += int_of(t, "dl_rate");
        total_up += int_of(t, "ul_rate");
    }
    rows.push_back({"Sum:", "", util::format_size(total_size), rate(total_down), rate(total_up), "", "", "",
                    std::to_string(torrents.size()) + (torrents.size() == 1 ? " torrent" : " torrents")});
    return render(rows, {false, true, true, true, true, true, true, false, false});
}

std::string file_table(json const& files)
{
    std::vector<std::vector<std::string>> rows{{"#", "Done", "Priority", "Size", "Path"}};
    for (auto const& f : files) {
        auto const p = int_of(f, "priority");
        std::string const priority = p == 0   ? "skip"
                                     : p < 4  ? "low"
                                     : p == 4 ? "normal"
                                     : p < 7  ? "high"
                                              : "top";
        rows.push_back({std::to_string(int_of(f, "index")), percent(number_of(f, "progress")), priority,
                        util::format_size(int_of(f, "size")), text_of(f, "path")});
    }
    return render(rows, {true, true, false, true, false});
}

std::string peer_table(json const& peers)
{
    std::vector<std::vector<std::string>> rows{{"Address", "Client", "Done", "Down", "Up", "Flags"}};
    for (auto const& p : peers)
        rows.push_back({text_of(p, "address"), text_of(p, "client"), percent(number_of(p, "progress")),
                        rate(int_of(p, "dl_rate")), rate(int_of(p, "ul_rate")), text_of(p, "flags")});
    return render(rows, {false, false, true, true, true, false});
}

std::string stats_text(json const& s)
{
    auto const limit = [](std::int64_t v) {
        return v <= 0 ? std::string("unlimited") : util::format_size(v) + "/s";
    };
    std::ostringstream out;
    out << "Download:   " << rate(int_of(s, "dl_rate")) << " (limit "
        << limit(int_of(s, "download_rate_limit")) << ")\n";
    out << "Upload:     " << rate(int_of(s, "ul_rate")) << " (limit " << limit(int_of(s, "upload_rate_limit"))
        << ")\n";
    out << "Downloaded: " << util::format_size(int_of(s, "total_downloaded")) << " this session\n";
    out << "Uploaded:   " << util::format_size(int_of(s, "total_uploaded")) << " this session\n";
    std::string endpoints;
    if (s.contains("listen_endpoints") && s["listen_endpoints"].is_array())
        for (auto const& e : s["listen_endpoints"])
            if (e.is_string())
                endpoints += (endpoints.empty() ? "" : ", ") + util::printable(e.get<std::string>(), 100);
    out << "Listening:  " << (endpoints.empty() ? "not listening" : endpoints) << "\n";
    auto const free = int_of(s, "free_space");
    out << "Free space: " << (free < 0 ? "unknown" : util::format_size(free)) << "\n";
    json const t = s.contains("torrents") && s["torrents"].is_object() ? s["torrents"] : json::object();
    out << "Torrents:   " << int_of(t, "total") << " (" << int_of(t, "downloading") << " downloading, "
        << int_of(t, "seeding") << " seeding, " << int_of(t, "paused") << " paused, " << int_of(t, "checking")
        << " checking, " << int_of(t, "error") << " with errors)\n";
    return out.str();
}

} // namespace pico::app::remote
