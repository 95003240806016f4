// Start order from manifest dependencies: dependencies first, ties in discovery order.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace pico::plugins {

/// One plugin that could start, with the ids it depends on.
struct dependency_node {
    /// Plugin id.
    std::string id;
    /// Ids that must start before it.
    std::vector<std::string> depends;
};

/// The outcome of ordering.
struct dependency_plan {
    /// Ids in start order (every dependency before its dependents).
    std::vector<std::string> order;
    /// Plugins that cannot start, in input order, each with a one-line reason.
    std::vector<std::pair<std::string, std::string>> refused;
};

/// Describes why an id that is not among the nodes cannot be used, e.g. "which is not installed".
using unavailable_fn = std::function<std::string(std::string const& id)>;

/// Orders `nodes` (given in discovery order). A cycle refuses every plugin in it, naming the
/// cycle; a plugin whose dependency is unavailable or refused is refused, naming the dependency.
dependency_plan order_by_dependencies(std::vector<dependency_node> const& nodes,
                                      unavailable_fn const& unavailable);

} // namespace pico::plugins
