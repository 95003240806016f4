#include "release.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace pico::updater {
namespace {

// A URL the GUI may hand to a browser: only web pages, and nothing that could smuggle a second
// line into the log.
bool is_web_url(std::string const& url)
{
    bool const web = url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
    return web && std::none_of(url.begin(), url.end(),
                               [](char c) { return static_cast<unsigned char>(c) <= ' ' || c == '\x7f'; });
}

// Reads an optional string member; a present member of another type is an error.
bool optional_string(nlohmann::json const& doc, char const* key, std::string& out, std::string& error)
{
    auto it = doc.find(key);
    if (it == doc.end() || it->is_null())
        return true;
    if (!it->is_string()) {
        error = std::string("release JSON: \"") + key + "\" is not a string";
        return false;
    }
    out = it->get<std::string>();
    return true;
}

} // namespace

std::optional<release> parse_release(std::string_view json, std::string& error)
{
    // A release document is 3 levels deep; a server sending far deeper nesting is hostile, and
    // nlohmann's copies recurse, so such a value is never built at all.
    constexpr int max_depth = 32;
    struct too_deep {};
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(
            json.begin(), json.end(),
            [](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
                if (depth > max_depth)
                    throw too_deep{};
                return true;
            },
            /*allow_exceptions=*/false);
    } catch (too_deep const&) {
        error = "release JSON nests deeper than " + std::to_string(max_depth) + " levels";
        return std::nullopt;
    }
    if (doc.is_discarded()) {
        error = "malformed release JSON (" + std::to_string(json.size()) + " bytes)";
        return std::nullopt;
    }
    if (!doc.is_object()) {
        error = "release JSON is not an object";
        return std::nullopt;
    }

    release r;
    auto tag = doc.find("tag_name");
    if (tag == doc.end() || !tag->is_string()) {
        error = "release JSON has no \"tag_name\" string";
        return std::nullopt;
    }
    r.tag = tag->get<std::string>();
    auto version = sdk::parse_semver(r.tag, true);
    if (!version) {
        error = "release tag \"" + r.tag.substr(0, 64) + "\" is not a semantic version";
        return std::nullopt;
    }
    r.version = std::move(*version);

    auto url = doc.find("html_url");
    if (url == doc.end() || !url->is_string()) {
        error = "release JSON has no \"html_url\" string";
        return std::nullopt;
    }
    r.url = url->get<std::string>();
    if (!is_web_url(r.url)) {
        error = "release \"html_url\" is not an http(s) URL";
        return std::nullopt;
    }

    if (!optional_string(doc, "name", r.name, error) || !optional_string(doc, "body", r.notes, error))
        return std::nullopt;
    if (r.name.empty())
        r.name = r.tag;
    return r;
}

} // namespace pico::updater
