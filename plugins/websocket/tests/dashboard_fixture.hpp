// Shared by the dashboard tests: a scratch folder and a web directory holding files the server
// must send beside some it must not (a dot file, a subfolder, a symlink out, a file beside it).
#pragma once

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <stdlib.h>
#include <string>

namespace pico::websocket::testing::dashboard {

namespace fs = std::filesystem;

/// A fresh folder under the temp directory, removed with everything in it.
struct temp_dir {
    temp_dir()
    {
        std::string pattern = (fs::temp_directory_path() / "pico-ws-web-XXXXXX").string();
        if (!::mkdtemp(pattern.data()))
            throw std::runtime_error("mkdtemp failed");
        path = pattern;
    }
    ~temp_dir() { fs::remove_all(path); }
    fs::path path;
};

/// Writes `text` to `p` (binary).
inline void write_file(fs::path const& p, std::string const& text)
{
    std::ofstream out(p, std::ios::binary);
    out << text;
}

/// The test web directory's index.html and app.js.
inline std::string const index_html = "<!doctype html><title>test dashboard</title>";
inline std::string const app_js = "export const x = 1;\n";

// A web directory with the files the server must send and some it must not.
struct web_dir {
    web_dir()
    {
        write_file(tmp.path / "index.html", index_html);
        write_file(tmp.path / "app.js", app_js);
        write_file(tmp.path / "style.css", "body{}");
        write_file(tmp.path / ".hidden.js", "secret");
        write_file(tmp.path / "notes.md", "no content type");
        fs::create_directories(tmp.path / "sub");
        write_file(tmp.path / "sub" / "deep.js", "in a subfolder");
        fs::create_symlink("/etc/passwd", tmp.path / "passwd.txt");
        write_file(tmp.path.parent_path() / (tmp.path.filename().string() + "-outside.txt"), "outside");
    }
    ~web_dir() { fs::remove(tmp.path.parent_path() / (tmp.path.filename().string() + "-outside.txt")); }
    temp_dir tmp;
};

} // namespace pico::websocket::testing::dashboard
