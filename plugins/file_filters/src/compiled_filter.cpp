// Boost.Regex rather than std::regex: std::regex recurses per character and per
// backtrack, so a hostile pattern or a long path overflows the stack or runs for hours.
// Boost.Regex's matcher is non-recursive and counts the states it visits; past a bound it
// throws, which we turn into an error. CMakeLists.txt lowers that bound (see there).
#include "compiled_filter.hpp"

#include <stdexcept>

namespace pico::file_filters {
namespace {

// Boost's messages go on with advice and a copy of the pattern; the first sentence is the
// part a user needs.
std::string first_sentence(std::string text)
{
    auto const end = text.find(". ");
    if (end != std::string::npos)
        text.resize(end);
    while (!text.empty() && text.back() == '.')
        text.pop_back();
    return text;
}

std::string shorten(std::string_view text)
{
    constexpr std::size_t limit = 60;
    if (text.size() <= limit)
        return std::string(text);
    return std::string(text.substr(0, limit)) + "... (" + std::to_string(text.size()) + " characters)";
}

} // namespace

compiled_filter::compiled_filter(std::string label, std::string pattern)
    : m_label(std::move(label)), m_pattern(std::move(pattern))
{
    try {
        m_regex.assign(m_pattern, boost::regex::ECMAScript);
    } catch (boost::regex_error const& e) {
        m_error = m_label + ": invalid regular expression \"" + m_pattern + "\" at position " +
                  std::to_string(e.position()) + ": " + first_sentence(e.what());
    } catch (std::exception const& e) {
        // Compiling can also run out of resources on absurd repeat counts.
        m_error = m_label + ": invalid regular expression \"" + m_pattern + "\": " + first_sentence(e.what());
    }
}

match_outcome compiled_filter::match(std::string_view path) const
{
    if (!valid())
        return {false, m_error};
    try {
        return {boost::regex_match(path.begin(), path.end(), m_regex), {}};
    } catch (std::runtime_error const& e) {
        // Thrown when matching exceeds the state bound or the matcher's memory bound.
        return {false, m_label + ": pattern \"" + m_pattern + "\" is too complex to match \"" +
                           shorten(path) + "\": " + first_sentence(e.what())};
    }
}

} // namespace pico::file_filters
