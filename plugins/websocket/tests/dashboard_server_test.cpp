// The web dashboard on the real server, on loopback with raw sockets (and openssl s_client for
// TLS): no token needed for the page, the headers, the Host check, 404/405/413, no traversal,
// same-origin upgrades allowed and other origins refused.
#include "dashboard_fixture.hpp"
#include "plugin_fixture.hpp"
#include "ws_client.hpp"

#include <cstdio>
#include <cstdlib>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace pico::websocket;
using namespace pico::websocket::testing;
using namespace pico::websocket::testing::dashboard;
using namespace std::chrono_literals;
using json = nlohmann::json;

namespace {

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
