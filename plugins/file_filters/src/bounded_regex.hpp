// Boost.Regex with a lower bound on matching work. Include this, never <boost/regex.hpp>,
// so every use in the plugin instantiates the matcher with the same bound.
//
// Boost.Regex gives up on a match after visiting max(N^2, states^2 * N) + 100000 states,
// with N^2 capped by BOOST_REGEX_MAX_STATE_COUNT (default 1e8: about two seconds on a
// 10,000-character path, spent on the host thread). A cap of 1e6 changes nothing for paths
// under ~1,000 characters and makes hostile patterns fail in milliseconds. The cap is compiled
// into the matcher, so the matcher must be instantiated here (BOOST_REGEX_NO_EXTERNAL_TEMPLATES)
// rather than taken from libboost_regex.
#pragma once
// Boost casts the macro C-style; as a system header this file keeps -Wold-style-cast quiet.
#pragma GCC system_header

#if defined(BOOST_RE_REGEX_HPP) || defined(BOOST_REGEX_MAX_STATE_COUNT)
#error "include bounded_regex.hpp before any other Boost.Regex header"
#endif
#define BOOST_REGEX_MAX_STATE_COUNT 1000000
#define BOOST_REGEX_NO_EXTERNAL_TEMPLATES
#include <boost/regex.hpp>
