#include "config/json_text.hpp"

#include <vector>

namespace pico::config {
namespace {

// One open object or array on the way to the current key.
struct frame {
    bool object = false;
    bool expecting_key = false;
    std::string key;
    std::size_t index = 0;
};

std::string path_to(std::vector<frame> const& stack, std::string const& key)
{
    std::string path;
    // The outermost frame is the document itself: its keys have no prefix.
    for (std::size_t i = 1; i < stack.size(); ++i) {
        auto const& parent = stack[i - 1];
        // Appends, not `"[" + std::string&&`: at -O3 GCC 12 reports that (std::string's insert) as
        // a false -Wrestrict, which -Werror turns into a failed Release build.
        if (parent.object) {
            if (!path.empty())
                path += '.';
            path += parent.key;
        } else {
            path += '[';
            path += std::to_string(parent.index);
            path += ']';
        }
    }
    return path.empty() ? key : path + "." + key;
}

} // namespace

std::map<std::string, text_position> key_positions(std::string_view text)
{
    auto const blanked = without_comments(text);
    std::string_view code = blanked;
    std::map<std::string, text_position> out;
    std::vector<frame> stack;
    text_position pos;
    bool in_string = false;
    std::size_t string_start = 0;
    text_position string_pos;
    if (code.substr(0, 3) == "\xEF\xBB\xBF")
        code.remove_prefix(3);
    for (std::size_t i = 0; i < code.size(); ++i) {
        char const c = code[i];
        if (in_string) {
            if (c == '\\') {
                ++i;
                ++pos.column;
            } else if (c == '"') {
                in_string = false;
                if (!stack.empty() && stack.back().object && stack.back().expecting_key) {
                    auto const literal = code.substr(string_start, i + 1 - string_start);
                    auto const key = nlohmann::json::parse(literal, nullptr, false);
                    if (key.is_string()) {
                        stack.back().key = key.get<std::string>();
                        stack.back().expecting_key = false;
                        out.emplace(path_to(stack, stack.back().key), string_pos);
                    }
                }
            }
        } else if (c == '"') {
            in_string = true;
            string_start = i;
            string_pos = pos;
        } else if (c == '{' || c == '[') {
            frame f;
            f.object = c == '{';
            f.expecting_key = f.object;
            stack.push_back(f);
        } else if ((c == '}' || c == ']') && !stack.empty()) {
            stack.pop_back();
        } else if (c == ',' && !stack.empty()) {
            if (stack.back().object)
                stack.back().expecting_key = true;
            else
                ++stack.back().index;
        }
        if (c == '\n') {
            ++pos.line;
            pos.column = 1;
        } else if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) {
            ++pos.column;
        }
    }
    return out;
}

} // namespace pico::config
