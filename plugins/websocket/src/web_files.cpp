#include "web_files.hpp"

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <system_error>

#ifndef PICO_WEBSOCKET_WEB_DIR_FROM_PLUGIN_DIR
#error "PICO_WEBSOCKET_WEB_DIR_FROM_PLUGIN_DIR must name the web directory relative to the plugin's folder"
#endif

namespace pico::websocket {

namespace fs = std::filesystem;

namespace {

bool ends_with(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string read_whole(fs::path const& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + file.string());
    std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad())
        throw std::runtime_error("cannot read " + file.string());
    return body;
}

} // namespace

std::string_view content_type_for(std::string_view name)
{
    struct mapping {
        std::string_view extension;
        std::string_view type;
    };
    static constexpr mapping types[] = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".json", "application/json; charset=utf-8"},
        {".txt", "text/plain; charset=utf-8"},
    };
    for (auto const& m : types) {
        if (ends_with(name, m.extension))
            return m.type;
    }
    return {};
}

bool is_safe_web_file_name(std::string_view name)
{
    if (name.empty() || name.front() == '.' || name.size() > 100)
        return false;
    for (char c : name) {
        bool const ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '.' || c == '_' || c == '-';
        if (!ok)
            return false;
    }
    return true;
}

web_files web_files::load(fs::path const& dir)
{
    web_files out;
    out.m_directory = dir;
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec)
        throw std::runtime_error("cannot read the web directory " + dir.string() + ": " + ec.message());
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        // symlink_status: a link is skipped, so nothing outside the folder is ever sent.
        auto const status = it->symlink_status(ec);
        std::string const name = it->path().filename().string();
        if (ec || !fs::is_regular_file(status) || !is_safe_web_file_name(name) ||
            content_type_for(name).empty())
            continue;
        if (out.m_files.size() == max_web_files)
            throw std::runtime_error("the web directory " + dir.string() + " has more than " +
                                     std::to_string(max_web_files) + " files");
        auto const size = it->file_size(ec);
        if (ec || size > max_web_file_size)
            throw std::runtime_error("the web file " + it->path().string() + " is larger than " +
                                     std::to_string(max_web_file_size / (1024 * 1024)) + " MiB");
        auto body = read_whole(it->path());
        if (body.size() > max_web_file_size) // it grew since file_size()
            throw std::runtime_error("the web file " + it->path().string() + " is larger than " +
                                     std::to_string(max_web_file_size / (1024 * 1024)) + " MiB");
        out.m_files.emplace(name, web_file{std::string(content_type_for(name)), std::move(body)});
    }
    if (ec)
        throw std::runtime_error("cannot read the web directory " + dir.string() + ": " + ec.message());
    if (!out.find("index.html"))
        throw std::runtime_error("the web directory " + dir.string() + " has no index.html");
    return out;
}

web_file const* web_files::find(std::string_view name) const
{
    auto it = m_files.find(name);
    return it == m_files.end() ? nullptr : &it->second;
}

fs::path default_web_directory(fs::path const& plugin_dir)
{
    return (plugin_dir / PICO_WEBSOCKET_WEB_DIR_FROM_PLUGIN_DIR).lexically_normal();
}

} // namespace pico::websocket
