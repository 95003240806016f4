#include "settings.hpp"

#include <array>
#include <nlohmann/json.hpp>
#include <openssl/rand.h>
#include <stdexcept>

namespace pico::websocket {

namespace {

using json = nlohmann::json;

[[noreturn]] void bad_key(std::string const& key, std::string const& expected)
{
    throw std::invalid_argument("websocket." + key + " must be " + expected);
}

std::string read_string(json const& obj, std::string const& key, std::string const& fallback,
                        std::string const& prefix = {})
{
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null())
        return fallback;
    if (!it->is_string())
        bad_key(prefix + key, "a string");
    return it->get<std::string>();
}

std::vector<std::string> read_string_list(json const& obj, std::string const& key)
{
    std::vector<std::string> out;
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null())
        return out;
    if (!it->is_array())
        bad_key(key, "an array of strings");
    for (auto const& item : *it) {
        if (!item.is_string())
            bad_key(key, "an array of strings");
        out.push_back(item.get<std::string>());
    }
    return out;
}

} // namespace

settings parse_settings(json const& section)
{
    settings s;
    if (section.is_null())
        return s;
    if (!section.is_object())
        throw std::invalid_argument("websocket must be an object");

    if (auto it = section.find("enabled"); it != section.end() && !it->is_null()) {
        if (!it->is_boolean())
            bad_key("enabled", "true or false");
        s.enabled = it->get<bool>();
    }
    if (auto it = section.find("listen_port"); it != section.end() && !it->is_null()) {
        if (!it->is_number_integer() || it->get<std::int64_t>() < 0 || it->get<std::int64_t>() > 65535)
            bad_key("listen_port", "an integer from 0 to 65535");
        s.listen_port = static_cast<std::uint16_t>(it->get<std::int64_t>());
    }
    s.listen_address = read_string(section, "listen_address", s.listen_address);
    if (s.listen_address.empty())
        bad_key("listen_address", "an IP address or host name");
    s.token = read_string(section, "token", "");
    s.allowed_origins = read_string_list(section, "allowed_origins");
    s.allowed_hosts = read_string_list(section, "allowed_hosts");
    s.allowed_save_roots = read_string_list(section, "allowed_save_roots");
    for (auto const& root : s.allowed_save_roots) {
        if (root.empty() || root.front() != '/')
            bad_key("allowed_save_roots", "a list of absolute directory paths");
    }

    if (auto it = section.find("serve_dashboard"); it != section.end() && !it->is_null()) {
        if (!it->is_boolean())
            bad_key("serve_dashboard", "true or false");
        s.serve_dashboard = it->get<bool>();
    }
    s.web_root = read_string(section, "web_root", "");
    if (!s.web_root.empty() && s.web_root.front() != '/')
        bad_key("web_root", "an absolute directory path");

    if (auto it = section.find("tls"); it != section.end() && !it->is_null()) {
        if (!it->is_object())
            bad_key("tls", "an object");
        s.tls.certificate = read_string(*it, "certificate", "", "tls.");
        s.tls.private_key = read_string(*it, "private_key", "", "tls.");
        if (s.tls.certificate.empty() != s.tls.private_key.empty())
            throw std::invalid_argument("websocket.tls needs both certificate and private_key");
    }
    return s;
}

std::string generate_token()
{
    std::array<unsigned char, 32> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
        throw std::runtime_error("websocket: the random number generator failed; cannot make a token");
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char b : bytes) {
        out.push_back(digits[b >> 4]);
        out.push_back(digits[b & 0x0f]);
    }
    return out;
}

} // namespace pico::websocket
