#include "save_path_policy.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace pico::websocket {

namespace fs = std::filesystem;

namespace {

// weakly_canonical follows symlinks in the part of the path that exists and normalizes the rest.
bool resolve(fs::path const& p, fs::path& out)
{
    std::error_code ec;
    out = fs::weakly_canonical(p, ec);
    if (ec)
        return false;
    out = out.lexically_normal();
    // "/a/b/" and "/a/b" are the same directory; compare without the trailing empty element.
    if (!out.empty() && !out.has_filename())
        out = out.parent_path();
    return true;
}

bool is_under(fs::path const& p, fs::path const& root)
{
    auto pi = p.begin();
    for (auto ri = root.begin(); ri != root.end(); ++ri, ++pi) {
        if (pi == p.end() || *pi != *ri)
            return false;
    }
    return true;
}

} // namespace

save_path_check confine_save_path(std::string const& requested, std::vector<std::string> const& roots)
{
    save_path_check out;
    if (requested.find('\0') != std::string::npos) {
        out.error = "save_path must not contain NUL";
        return out;
    }
    fs::path const p(requested);
    if (!p.is_absolute()) {
        out.error = "save_path must be an absolute path";
        return out;
    }
    fs::path resolved;
    if (!resolve(p, resolved)) {
        out.error = "save_path cannot be resolved";
        return out;
    }
    bool any_root = false;
    for (auto const& r : roots) {
        if (r.empty())
            continue;
        any_root = true;
        fs::path root;
        if (!fs::path(r).is_absolute() || !resolve(r, root))
            continue;
        if (is_under(resolved, root)) {
            out.ok = true;
            out.path = resolved.string();
            return out;
        }
    }
    out.error = any_root ? "save_path is outside the allowed save roots (websocket.allowed_save_roots)"
                         : "remote save paths are disabled: no save root is configured "
                           "(websocket.allowed_save_roots)";
    return out;
}

} // namespace pico::websocket
