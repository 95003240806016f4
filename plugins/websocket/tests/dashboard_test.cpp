// The web dashboard's serving without sockets: the files read from the web directory, the
// answers to plain HTTP requests, the same-origin rule and the settings keys.
#include "dashboard_fixture.hpp"
#include "dashboard_http.hpp"
#include "settings.hpp"
#include "web_files.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <regex>

using namespace pico::websocket;
using namespace pico::websocket::testing::dashboard;
using json = nlohmann::json;

namespace {

access_policy loopback_policy(std::uint16_t port = 7676)
{
    return access_policy("s3cret-token-123", {}, default_allowed_hosts("127.0.0.1", port), "http");
}

std::string header_value(http_answer const& a, std::string const& name)
{
    for (auto const& [k, v] : a.headers) {
        if (k == name)
            return v;
    }
    return {};
}

} // namespace

TEST(websocket_dashboard_files, reads_only_safe_regular_files_of_the_folder)
{
    web_dir dir;
    auto const files = web_files::load(dir.tmp.path);
    EXPECT_EQ(files.size(), 3u);
    ASSERT_NE(files.find("index.html"), nullptr);
    EXPECT_EQ(files.find("index.html")->body, index_html);
    EXPECT_EQ(files.find("index.html")->content_type, "text/html; charset=utf-8");
    ASSERT_NE(files.find("app.js"), nullptr);
    EXPECT_EQ(files.find("app.js")->content_type, "text/javascript; charset=utf-8");
    EXPECT_EQ(files.find("style.css")->content_type, "text/css; charset=utf-8");
    for (char const* name : {".hidden.js", "notes.md", "sub", "deep.js", "sub/deep.js", "passwd.txt", ""})
        EXPECT_EQ(files.find(name), nullptr) << name;
}

TEST(websocket_dashboard_files, refuses_a_folder_it_cannot_serve)
{
    temp_dir tmp;
    EXPECT_THROW(web_files::load(tmp.path / "missing"), std::runtime_error);
    write_file(tmp.path / "app.js", app_js);
    try {
        web_files::load(tmp.path);
        FAIL() << "a folder without index.html loaded";
    } catch (std::runtime_error const& e) {
        EXPECT_NE(std::string(e.what()).find("index.html"), std::string::npos) << e.what();
    }
    write_file(tmp.path / "index.html", index_html);
    write_file(tmp.path / "big.js", std::string(max_web_file_size + 1, 'x'));
    EXPECT_THROW(web_files::load(tmp.path), std::runtime_error);
}

TEST(websocket_dashboard_files, names_and_types)
{
    EXPECT_TRUE(is_safe_web_file_name("app.js"));
    EXPECT_TRUE(is_safe_web_file_name("torrent_table.js"));
    for (char const* bad : {"", ".env", "../x.js", "a/b.js", "a b.js", "x%2e.js", "a\\b.js"})
        EXPECT_FALSE(is_safe_web_file_name(bad)) << bad;
    EXPECT_EQ(content_type_for("x.svg"), "image/svg+xml");
    EXPECT_EQ(content_type_for("x.exe"), "");
    // Installed: lib/picotorrent/plugins/websocket (or lib/<multiarch>/...) to share/picotorrent/web.
    EXPECT_EQ(default_web_directory(PICO_TEST_PLUGIN_INSTALL_DIR), fs::path(PICO_TEST_WEB_INSTALL_DIR));
}

// The dashboard in the repository: every module it imports and every file index.html names
// is one the server will send (a missing one would only show in a browser).
TEST(websocket_dashboard_files, the_shipped_dashboard_is_complete)
{
    auto const files = web_files::load(PICO_WEBSOCKET_WEB_SOURCE_DIR);
    std::regex const reference(
        R"((?:from\s+|import\s*\(\s*|src=|href=)["']\.?/?([A-Za-z0-9_.-]+\.(?:js|css|svg|png)))");
    int checked = 0;
    for (auto const& entry : fs::directory_iterator(PICO_WEBSOCKET_WEB_SOURCE_DIR)) {
        auto const name = entry.path().filename().string();
        auto const* file = files.find(name);
        ASSERT_NE(file, nullptr) << name << " is in web/ but would not be served";
        for (std::sregex_iterator it(file->body.begin(), file->body.end(), reference), end; it != end; ++it) {
            EXPECT_NE(files.find((*it)[1].str()), nullptr) << name << " refers to " << (*it)[1].str();
            ++checked;
        }
        // Server text must never reach the DOM as HTML.
        EXPECT_EQ(file->body.find("innerHTML"), std::string::npos) << name;
        EXPECT_EQ(file->body.find("insertAdjacentHTML"), std::string::npos) << name;
        EXPECT_EQ(file->body.find("document.write"), std::string::npos) << name;
    }
    EXPECT_GT(checked, 5);
}

TEST(websocket_dashboard_files, settings_keys_are_checked)
{
    auto const s = parse_settings(json(nullptr));
    EXPECT_TRUE(s.serve_dashboard);
    EXPECT_TRUE(s.web_root.empty());
    auto const set = parse_settings(json{{"serve_dashboard", false}, {"web_root", "/srv/pico-web"}});
    EXPECT_FALSE(set.serve_dashboard);
    EXPECT_EQ(set.web_root, "/srv/pico-web");
    auto message = [](json const& section) {
        try {
            parse_settings(section);
        } catch (std::invalid_argument const& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    EXPECT_EQ(message(json{{"serve_dashboard", "yes"}}), "websocket.serve_dashboard must be true or false");
    EXPECT_EQ(message(json{{"web_root", "relative/web"}}),
              "websocket.web_root must be an absolute directory path");
    EXPECT_EQ(message(json{{"web_root", 3}}), "websocket.web_root must be a string");
}

TEST(websocket_dashboard_http, serves_the_page_with_strict_headers)
{
    web_dir dir;
    auto const files = web_files::load(dir.tmp.path);
    auto const a = answer_dashboard_request({"GET", "/", "127.0.0.1:7676"}, files, loopback_policy());
    EXPECT_EQ(a.status, 200);
    EXPECT_EQ(a.body, index_html);
    EXPECT_EQ(a.content_length, index_html.size());
    EXPECT_EQ(header_value(a, "Content-Type"), "text/html; charset=utf-8");
    EXPECT_EQ(header_value(a, "Cache-Control"), "no-store");
    EXPECT_EQ(header_value(a, "X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(header_value(a, "X-Frame-Options"), "DENY");
    auto const csp = header_value(a, "Content-Security-Policy");
    EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << csp;
    EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << csp;
    EXPECT_NE(csp.find("connect-src 'self' ws://127.0.0.1:7676 wss://127.0.0.1:7676;"), std::string::npos)
        << csp;
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
    EXPECT_EQ(csp.find("unsafe"), std::string::npos) << csp;
    EXPECT_EQ(csp.find("ws: "), std::string::npos) << "connect-src must not allow every ws: URL: " << csp;

    auto const same =
        answer_dashboard_request({"GET", "/index.html?x=1#y", "localhost:7676"}, files, loopback_policy());
    EXPECT_EQ(same.status, 200);
    EXPECT_EQ(same.body, index_html);
    auto const js = answer_dashboard_request({"GET", "/app.js", "127.0.0.1:7676"}, files, loopback_policy());
    EXPECT_EQ(js.status, 200);
    EXPECT_EQ(header_value(js, "Content-Type"), "text/javascript; charset=utf-8");
}

TEST(websocket_dashboard_http, head_405_404_and_the_host_check)
{
    web_dir dir;
    auto const files = web_files::load(dir.tmp.path);
    auto const policy = loopback_policy();
    auto const head = answer_dashboard_request({"HEAD", "/app.js", "127.0.0.1:7676"}, files, policy);
    EXPECT_EQ(head.status, 200);
    EXPECT_TRUE(head.body.empty());
    EXPECT_EQ(head.content_length, app_js.size());

    for (char const* method : {"POST", "PUT", "DELETE", "OPTIONS", "get"}) {
        auto const a = answer_dashboard_request({method, "/", "127.0.0.1:7676"}, files, policy);
        EXPECT_EQ(a.status, 405) << method;
        EXPECT_EQ(header_value(a, "Allow"), "GET, HEAD");
    }
    auto const rebinding = answer_dashboard_request({"GET", "/", "evil.example:7676"}, files, policy);
    EXPECT_EQ(rebinding.status, 403);
    EXPECT_NE(rebinding.refusal.find("evil.example"), std::string::npos);
    EXPECT_EQ(rebinding.body.find("test dashboard"), std::string::npos);
    EXPECT_EQ(answer_dashboard_request({"GET", "/", ""}, files, policy).status, 403);

    for (char const* target :
         {"/../etc/passwd", "/%2e%2e/etc/passwd", "/%2e%2e%2fetc%2fpasswd", "//etc/passwd", "/sub/deep.js",
          "/.hidden.js", "/notes.md", "/passwd.txt", "/index.html/", "/./index.html", "/app.js%00.html",
          "http://127.0.0.1:7676/etc/passwd", "*", "", "/favicon.ico"}) {
        auto const a = answer_dashboard_request({"GET", target, "127.0.0.1:7676"}, files, policy);
        EXPECT_EQ(a.status, 404) << target;
        EXPECT_EQ(a.body, "Not found\n") << target;
    }
}

TEST(websocket_dashboard_http, a_host_with_odd_characters_adds_nothing_to_the_csp)
{
    // A name-only allowed_hosts entry accepts any port text: it must not inject directives.
    access_policy policy("s3cret-token-123", {}, {"mybox"}, "http");
    web_dir dir;
    auto const files = web_files::load(dir.tmp.path);
    auto const a = answer_dashboard_request({"GET", "/", "mybox:1; script-src *"}, files, policy);
    EXPECT_EQ(a.status, 200);
    auto const csp = header_value(a, "Content-Security-Policy");
    EXPECT_EQ(csp.find("script-src *"), std::string::npos) << csp;
    EXPECT_NE(csp.find("connect-src 'self';"), std::string::npos) << csp;
}

TEST(websocket_dashboard_origin, own_origin_is_allowed_without_listing_it)
{
    auto const policy = loopback_policy();
    auto check = [&](std::string host, std::string origin,
                     std::string resource = "/?token=s3cret-token-123") {
        return policy.check({std::move(resource), std::move(host), std::move(origin), {}}).refuse_status;
    };
    EXPECT_EQ(check("127.0.0.1:7676", "http://127.0.0.1:7676"), 0);
    EXPECT_EQ(check("localhost:7676", "http://LOCALHOST:7676/"), 0);
    EXPECT_EQ(check("127.0.0.1:7676", "http://127.0.0.1:7676", "/"), 401) << "the token is still needed";
    EXPECT_EQ(check("127.0.0.1:7676", "http://localhost:7676"), 403) << "another origin, even on loopback";
    EXPECT_EQ(check("127.0.0.1:7676", "http://127.0.0.1:8080"), 403);
    EXPECT_EQ(check("127.0.0.1:7676", "https://127.0.0.1:7676"), 403) << "wrong scheme for a ws:// server";
    EXPECT_EQ(check("127.0.0.1:7676", "null"), 403);
    EXPECT_EQ(check("evil.example:7676", "http://evil.example:7676"), 403) << "DNS rebinding";
    // Without an own scheme (as before this feature) nothing is implied.
    access_policy bare("s3cret-token-123", {}, default_allowed_hosts("127.0.0.1", 7676));
    EXPECT_EQ(
        bare.check({"/?token=s3cret-token-123", "127.0.0.1:7676", "http://127.0.0.1:7676", {}}).refuse_status,
        403);
}
