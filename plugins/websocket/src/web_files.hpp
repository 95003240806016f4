// The dashboard's files, read once from the web directory when the server starts. Requests are
// looked up by name in this fixed set; a request path is never joined onto a directory.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace pico::websocket {

/// One file the server can send.
struct web_file {
    /// Content-Type header value, e.g. "text/javascript; charset=utf-8".
    std::string content_type;
    /// The whole file.
    std::string body;
};

/// Largest single file served; a bigger one stops the dashboard from loading.
inline constexpr std::size_t max_web_file_size = 2 * 1024 * 1024;
/// Most files read from one web directory.
inline constexpr std::size_t max_web_files = 128;

/// The files of one web directory, by name (no directories, no symlinks).
class web_files {
  public:
    /// Reads every regular file of `dir` (not its subfolders) whose name is safe and whose
    /// extension has a content type. Throws std::runtime_error (one line) when `dir` cannot be
    /// read, a file is too big, or there is no index.html.
    static web_files load(std::filesystem::path const& dir);

    /// The file called `name` (e.g. "app.js"), or null.
    web_file const* find(std::string_view name) const;
    /// How many files were read.
    std::size_t size() const { return m_files.size(); }
    /// The directory they came from.
    std::filesystem::path const& directory() const { return m_directory; }

  private:
    std::filesystem::path m_directory;
    std::map<std::string, web_file, std::less<>> m_files;
};

/// The Content-Type for a file name by its extension; "" for one the server does not send.
std::string_view content_type_for(std::string_view name);

/// True for names made of letters, digits, '.', '_' and '-' that do not start with '.'.
bool is_safe_web_file_name(std::string_view name);

/// Where the installed (or build-tree) host keeps the dashboard, from the plugin's folder.
std::filesystem::path default_web_directory(std::filesystem::path const& plugin_dir);

} // namespace pico::websocket
