#include "request_fields.hpp"

#include <algorithm>
#include <cctype>
#include <limits>

namespace pico::websocket {

using json = nlohmann::json;

std::string const& required_string(json const& message, char const* key)
{
    auto it = message.find(key);
    if (it == message.end() || !it->is_string())
        throw request_error{std::string("\"") + key + "\" must be a string"};
    return it->get_ref<std::string const&>();
}

bool optional_bool(json const& message, char const* key)
{
    auto it = message.find(key);
    if (it == message.end() || it->is_null())
        return false;
    if (!it->is_boolean())
        throw request_error{std::string("\"") + key + "\" must be true or false"};
    return it->get<bool>();
}

std::optional<std::int64_t> optional_limit(json const& message, char const* key)
{
    auto it = message.find(key);
    if (it == message.end() || it->is_null())
        return std::nullopt;
    // libtorrent keeps limits in an int: anything above would wrap to a negative (unlimited).
    constexpr auto max = static_cast<std::int64_t>(std::numeric_limits<std::int32_t>::max());
    if (!it->is_number_integer() || it->get<std::int64_t>() < 0 || it->get<std::int64_t>() > max)
        throw request_error{std::string("\"") + key + "\" must be bytes per second, 0 (unlimited) to " +
                            std::to_string(max)};
    return it->get<std::int64_t>();
}

std::string info_hash_of(json const& message)
{
    std::string h = required_string(message, "info_hash");
    bool const hex = std::all_of(h.begin(), h.end(), [](unsigned char c) { return std::isxdigit(c) != 0; });
    if (!hex || (h.size() != 40 && h.size() != 64))
        throw request_error{"\"info_hash\" must be 40 or 64 hex characters"};
    std::transform(h.begin(), h.end(), h.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return h;
}

} // namespace pico::websocket
