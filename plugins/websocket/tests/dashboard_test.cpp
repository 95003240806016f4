// The web dashboard's serving: the files read from the web directory, the answers to plain
// HTTP requests (pure), and the real server on loopback (raw sockets): no token needed for
// the page, security headers, the Host check, 404/405/413, no traversal, same-origin upgrades.
#include "dashboard_http.hpp"
#include "plugin_fixture.hpp"
#include "settings.hpp"
#include "web_files.hpp"
#include "ws_client.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <regex>
#include <unistd.h>

using namespace pico::websocket;
using namespace pico::websocket::testing;
using namespace std::chrono_literals;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

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

void write_file(fs::path const& p, std::string const& text)
{
    std::ofstream out(p, std::ios::binary);
    out << text;
}

std::string const index_html = "<!doctype html><title>test dashboard</title>";
std::string const app_js = "export const x = 1;\n";

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

// "Name: value" from raw response headers (case-sensitive name, as the server writes it).
std::string header_value(std::string const& headers, std::string const& name)
{
    auto const at = headers.find("\r\n" + name + ": ");
    if (at == std::string::npos)
        return {};
    auto const start = at + name.size() + 4;
    return headers.substr(start, headers.find("\r\n", start) - start);
}

struct http_result {
    raw_response response;
    std::string body;
};

http_result http(std::uint16_t port, std::string const& request)
{
    raw_client raw(port);
    raw.write(request);
    http_result r;
    r.response = raw.read_response();
    r.body = raw.read_until_closed(5s);
    return r;
}

http_result get(std::uint16_t port, std::string const& target, std::string method = "GET",
                std::string host = {})
{
    if (host.empty())
        host = "127.0.0.1:" + std::to_string(port);
    return http(port, method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
}

json dashboard_section(fs::path const& dir)
{
    return {{"web_root", dir.string()}};
}

// One HTTP exchange over TLS with `openssl s_client`, which prints what the server sends until
// it closes (or `seconds` pass: an accepted upgrade stays open).
std::string tls_exchange(fs::path const& scratch, std::uint16_t port, std::string const& request, int seconds)
{
    write_file(scratch / "request.txt", request);
    std::string const cmd = "timeout " + std::to_string(seconds) +
                            " openssl s_client -quiet -connect 127.0.0.1:" + std::to_string(port) + " < '" +
                            (scratch / "request.txt").string() + "' 2>/dev/null";
    std::string out;
    if (FILE* pipe = ::popen(cmd.c_str(), "r")) {
        char buffer[4096];
        while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe))
            out.append(buffer, n);
        ::pclose(pipe);
    }
    return out;
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

// --- the real server on loopback ------------------------------------------------------------

TEST(websocket_dashboard_server, serves_the_page_without_a_token)
{
    web_dir dir;
    running_plugin p(dashboard_section(dir.tmp.path));
    auto const port = p.port();
    auto const page = get(port, "/");
    EXPECT_EQ(page.response.status, 200) << page.response.headers;
    EXPECT_EQ(page.body, index_html);
    EXPECT_EQ(header_value(page.response.headers, "Content-Length"), std::to_string(index_html.size()));
    EXPECT_EQ(header_value(page.response.headers, "Content-Type"), "text/html; charset=utf-8");
    EXPECT_EQ(header_value(page.response.headers, "Cache-Control"), "no-store");
    EXPECT_EQ(header_value(page.response.headers, "X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(header_value(page.response.headers, "X-Frame-Options"), "DENY");
    EXPECT_NE(header_value(page.response.headers, "Content-Security-Policy")
                  .find("connect-src 'self' ws://127.0.0.1:" + std::to_string(port)),
              std::string::npos);
    auto const js = get(port, "/app.js");
    EXPECT_EQ(js.response.status, 200);
    EXPECT_EQ(js.body, app_js);
    EXPECT_EQ(header_value(js.response.headers, "Content-Type"), "text/javascript; charset=utf-8");

    auto const head = get(port, "/app.js", "HEAD");
    EXPECT_EQ(head.response.status, 200);
    EXPECT_EQ(header_value(head.response.headers, "Content-Length"), std::to_string(app_js.size()));
    EXPECT_EQ(head.body, "") << "HEAD sends no body";
    EXPECT_TRUE(p.host().wait_for_log("dashboard at http://127.0.0.1:" + std::to_string(port) + "/", 5s));
}

TEST(websocket_dashboard_server, refuses_what_it_does_not_serve)
{
    web_dir dir;
    running_plugin p(dashboard_section(dir.tmp.path));
    auto const port = p.port();
    auto const rebinding = get(port, "/", "GET", "evil.example:" + std::to_string(port));
    EXPECT_EQ(rebinding.response.status, 403);
    EXPECT_EQ(rebinding.body.find("test dashboard"), std::string::npos);
    EXPECT_EQ(get(port, "/nope.js").response.status, 404);
    for (char const* target :
         {"/../etc/passwd", "/%2e%2e/etc/passwd", "/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "//etc/passwd",
          "/passwd.txt", "/sub/deep.js", "/.hidden.js", "/../" /* the file beside the folder */}) {
        auto const r = get(port, target);
        EXPECT_EQ(r.response.status, 404) << target;
        EXPECT_EQ(r.body.find("root:"), std::string::npos) << target;
        EXPECT_EQ(r.body.find("outside"), std::string::npos) << target;
    }
    auto const post = get(port, "/", "POST");
    EXPECT_EQ(post.response.status, 405);
    EXPECT_EQ(header_value(post.response.headers, "Allow"), "GET, HEAD");
    // No request here has a body; websocketpp would otherwise buffer one of up to 32 MB.
    auto const big = http(port, "POST / HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                                    "\r\nContent-Length: 100000\r\n\r\n" + std::string(1000, 'x'));
    EXPECT_EQ(big.response.status, 413);
    EXPECT_EQ(p.plugin().stats().refused, 1u) << "the rebinding Host is counted as a refusal";
}

TEST(websocket_dashboard_server, same_origin_pages_may_connect_and_others_may_not)
{
    web_dir dir;
    running_plugin p(dashboard_section(dir.tmp.path));
    auto const port = p.port();
    std::string const host = "127.0.0.1:" + std::to_string(port);
    struct attempt {
        std::string origin;
        std::vector<std::string> extra;
        int status;
    };
    std::vector<attempt> const attempts{
        {"http://" + host, {"Sec-WebSocket-Protocol: pico.v1, token." + fixed_token}, 101},
        {"http://" + host, {"Sec-WebSocket-Protocol: pico.v1"}, 401},
        {"http://127.0.0.1:" + std::to_string(port == 65535 ? 1 : port + 1),
         {"Sec-WebSocket-Protocol: pico.v1, token." + fixed_token},
         403},
        {"http://localhost:" + std::to_string(port),
         {"Sec-WebSocket-Protocol: pico.v1, token." + fixed_token},
         403},
        {"null", {"Sec-WebSocket-Protocol: pico.v1, token." + fixed_token}, 403},
    };
    for (auto const& a : attempts) {
        raw_client raw(port);
        raw.send_upgrade("/", host, a.origin, a.extra);
        auto const r = raw.read_response();
        EXPECT_EQ(r.status, a.status) << a.origin;
        if (a.status == 101) {
            EXPECT_NE(r.headers.find("pico.v1"), std::string::npos);
        }
    }
}

TEST(websocket_dashboard_server, over_tls_our_origin_is_https)
{
    web_dir dir;
    temp_dir certs;
    auto const cert = certs.path / "cert.pem";
    auto const key = certs.path / "key.pem";
    std::string const make =
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 "
        "-subj /CN=localhost -keyout '" +
        key.string() + "' -out '" + cert.string() + "' >/dev/null 2>&1";
    ASSERT_EQ(std::system(make.c_str()), 0) << make;
    json section = dashboard_section(dir.tmp.path);
    section["tls"] = {{"certificate", cert.string()}, {"private_key", key.string()}};
    running_plugin p(section);
    auto const port = p.port();
    std::string const host = "127.0.0.1:" + std::to_string(port);
    EXPECT_TRUE(p.host().wait_for_log("dashboard at https://" + host + "/", 5s));

    auto const page = tls_exchange(certs.path, port, "GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n", 10);
    EXPECT_EQ(page.rfind("HTTP/1.1 200", 0), 0u) << page;
    EXPECT_NE(page.find(index_html), std::string::npos) << page;
    EXPECT_NE(page.find("connect-src 'self' ws://" + host + " wss://" + host), std::string::npos) << page;

    auto upgrade = [&](std::string const& origin) {
        return "GET / HTTP/1.1\r\nHost: " + host +
               "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
               "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: pico.v1, token." +
               fixed_token + "\r\nOrigin: " + origin + "\r\n\r\n";
    };
    auto const plain_origin = tls_exchange(certs.path, port, upgrade("http://" + host), 10);
    EXPECT_EQ(plain_origin.rfind("HTTP/1.1 403", 0), 0u) << "an http:// page is not our origin over TLS\n"
                                                         << plain_origin;
    auto const own = tls_exchange(certs.path, port, upgrade("https://" + host), 2);
    EXPECT_EQ(own.rfind("HTTP/1.1 101", 0), 0u) << own;
}

TEST(websocket_dashboard_server, off_or_unreadable_keeps_the_old_answers)
{
    web_dir dir;
    {
        json section = dashboard_section(dir.tmp.path);
        section["serve_dashboard"] = false;
        running_plugin p(section);
        EXPECT_EQ(get(p.port(), "/").response.status, 401);
        EXPECT_EQ(get(p.port(), "/?token=" + fixed_token).response.status, 426);
    }
    running_plugin missing(dashboard_section(dir.tmp.path / "missing"));
    EXPECT_TRUE(missing.host().wait_for_log("dashboard not served", 5s));
    EXPECT_EQ(get(missing.port(), "/").response.status, 401);
    ws_client client;
    EXPECT_TRUE(client.open(missing.url())) << "the WebSocket API runs without the dashboard";
}
