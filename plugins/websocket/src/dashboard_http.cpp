#include "dashboard_http.hpp"

namespace pico::websocket {

namespace {

// Host header values echoed into the CSP must not be able to add directives (a Host matched by
// a name-only allowed_hosts entry may carry any text after its colon).
bool is_plain_host(std::string_view host)
{
    if (host.empty())
        return false;
    for (char c : host) {
        bool const ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
        if (!ok)
            return false;
    }
    return true;
}

// "/" is index.html; "/NAME" is NAME. Anything else (more slashes, "..", percent escapes that
// would decode to them) names no file: names are compared, never resolved.
std::string_view file_name_of(std::string_view target)
{
    target = target.substr(0, target.find_first_of("?#"));
    if (target == "/")
        return "index.html";
    if (target.size() < 2 || target.front() != '/')
        return {};
    return target.substr(1);
}

void add_common_headers(http_answer& a, std::string_view host)
{
    a.headers.emplace_back("Cache-Control", "no-store");
    a.headers.emplace_back("X-Content-Type-Options", "nosniff");
    a.headers.emplace_back("X-Frame-Options", "DENY");
    a.headers.emplace_back("Referrer-Policy", "no-referrer");
    a.headers.emplace_back("Cross-Origin-Opener-Policy", "same-origin");
    a.headers.emplace_back("Cross-Origin-Resource-Policy", "same-origin");
    a.headers.emplace_back("Content-Security-Policy", dashboard_content_security_policy(host));
    a.headers.emplace_back("Connection", "close");
}

http_answer text_answer(int status, std::string text)
{
    http_answer a;
    a.status = status;
    a.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
    a.body = std::move(text);
    return a;
}

} // namespace

std::string dashboard_content_security_policy(std::string_view host)
{
    // connect-src names this host rather than any ws: or wss: URL, so a script that got in
    // could not send the token anywhere else.
    std::string connect = "'self'";
    if (is_plain_host(host)) {
        std::string const h(host);
        connect += " ws://" + h + " wss://" + h;
    }
    return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src " + connect +
           "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
}

http_answer answer_dashboard_request(http_request_line const& request, web_files const& files,
                                     access_policy const& policy)
{
    http_answer a;
    if (!policy.host_allowed(request.host)) {
        a = text_answer(403, "Forbidden\n");
        a.refusal = "Host '" + request.host + "' is not allowed";
    } else if (request.method != "GET" && request.method != "HEAD") {
        a = text_answer(405, "Only GET and HEAD are served here.\n");
        a.headers.emplace_back("Allow", "GET, HEAD");
    } else if (auto const* file = files.find(file_name_of(request.target))) {
        a.headers.emplace_back("Content-Type", file->content_type);
        a.body = file->body;
    } else {
        a = text_answer(404, "Not found\n");
    }
    add_common_headers(a, a.status == 403 ? std::string_view() : std::string_view(request.host));
    a.content_length = a.body.size();
    if (request.method == "HEAD")
        a.body.clear();
    return a;
}

} // namespace pico::websocket
