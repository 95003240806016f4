#include "plugins/dependency_order.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <set>

namespace pico::plugins {
namespace {

class planner {
  public:
    planner(std::vector<dependency_node> const& nodes, unavailable_fn const& unavailable)
        : m_nodes(nodes), m_unavailable(unavailable)
    {
        for (std::size_t i = 0; i < nodes.size(); ++i) {
            m_index.emplace(nodes[i].id, i);
            m_ok.insert(i);
        }
    }

    dependency_plan run()
    {
        refuse_unmet();
        refuse_cycles();
        refuse_unmet();
        dependency_plan plan;
        plan.order = topological_order();
        for (std::size_t i = 0; i < m_nodes.size(); ++i) {
            if (auto it = m_reasons.find(i); it != m_reasons.end())
                plan.refused.emplace_back(m_nodes[i].id, it->second);
        }
        return plan;
    }

  private:
    std::optional<std::size_t> index_of(std::string const& id) const
    {
        auto const it = m_index.find(id);
        return it == m_index.end() ? std::nullopt : std::optional<std::size_t>(it->second);
    }

    void refuse(std::size_t i, std::string reason)
    {
        m_ok.erase(i);
        m_reasons.emplace(i, std::move(reason));
    }

    // Refusing one plugin can strand those depending on it: repeat until nothing changes.
    void refuse_unmet()
    {
        bool changed = true;
        while (changed) {
            changed = false;
            for (std::size_t i = 0; i < m_nodes.size(); ++i) {
                if (!m_ok.count(i))
                    continue;
                for (auto const& dep : m_nodes[i].depends) {
                    auto const d = index_of(dep);
                    if (d && m_ok.count(*d))
                        continue;
                    refuse(i, "depends on '" + dep + "', " +
                                  (d ? std::string("which was refused") : m_unavailable(dep)));
                    changed = true;
                    break;
                }
            }
        }
    }

    // Tarjan's strongly connected components over the plugins still in the running.
    void strong_connect(std::size_t v)
    {
        m_tarjan_index[v] = m_low[v] = m_counter++;
        m_stack.push_back(v);
        m_on_stack.insert(v);
        for (auto const& dep : m_nodes[v].depends) {
            auto const w = index_of(dep);
            if (!w || !m_ok.count(*w))
                continue;
            if (!m_tarjan_index.count(*w)) {
                strong_connect(*w);
                m_low[v] = std::min(m_low[v], m_low[*w]);
            } else if (m_on_stack.count(*w)) {
                m_low[v] = std::min(m_low[v], m_tarjan_index[*w]);
            }
        }
        if (m_low[v] != m_tarjan_index[v])
            return;
        std::vector<std::size_t> component;
        std::size_t w = 0;
        do {
            w = m_stack.back();
            m_stack.pop_back();
            m_on_stack.erase(w);
            component.push_back(w);
        } while (w != v);
        m_components.push_back(std::move(component));
    }

    bool depends_on(std::size_t from, std::size_t to) const
    {
        auto const& deps = m_nodes[from].depends;
        return std::find(deps.begin(), deps.end(), m_nodes[to].id) != deps.end();
    }

    // The shortest way round the cycle through the component's first-discovered plugin, "a -> b -> a".
    std::string describe_cycle(std::vector<std::size_t> const& component) const
    {
        std::set<std::size_t> const members(component.begin(), component.end());
        std::size_t const start = *members.begin();
        std::map<std::size_t, std::size_t> parent;
        std::deque<std::size_t> queue{start};
        std::optional<std::size_t> last;
        while (!queue.empty() && !last) {
            auto const v = queue.front();
            queue.pop_front();
            for (auto const w : members) {
                if (!depends_on(v, w))
                    continue;
                if (w == start) {
                    last = v;
                    break;
                }
                if (!parent.count(w)) {
                    parent.emplace(w, v);
                    queue.push_back(w);
                }
            }
        }
        std::vector<std::size_t> path;
        for (auto v = last.value_or(start); v != start; v = parent.at(v))
            path.push_back(v);
        path.push_back(start);
        std::reverse(path.begin(), path.end());
        std::string text;
        for (auto const v : path)
            text += m_nodes[v].id + " -> ";
        return text + m_nodes[start].id;
    }

    void refuse_cycles()
    {
        for (std::size_t i = 0; i < m_nodes.size(); ++i) {
            if (m_ok.count(i) && !m_tarjan_index.count(i))
                strong_connect(i);
        }
        for (auto const& component : m_components) {
            if (component.size() == 1 && !depends_on(component[0], component[0]))
                continue;
            auto const reason = "dependency cycle: " + describe_cycle(component);
            for (auto const v : component)
                refuse(v, reason);
        }
    }

    std::vector<std::string> topological_order() const
    {
        std::vector<std::string> order;
        std::set<std::size_t> placed;
        // Cycles and unmet dependencies are gone, so each pass places one plugin.
        bool progressed = true;
        while (progressed && placed.size() < m_ok.size()) {
            progressed = false;
            for (auto const i : m_ok) {
                if (placed.count(i))
                    continue;
                bool const ready =
                    std::all_of(m_nodes[i].depends.begin(), m_nodes[i].depends.end(),
                                [&](std::string const& dep) { return placed.count(*index_of(dep)) > 0; });
                if (ready) {
                    placed.insert(i);
                    order.push_back(m_nodes[i].id);
                    progressed = true;
                    break;
                }
            }
        }
        return order;
    }

    std::vector<dependency_node> const& m_nodes;
    unavailable_fn const& m_unavailable;
    std::map<std::string, std::size_t> m_index;
    std::set<std::size_t> m_ok;
    std::map<std::size_t, std::string> m_reasons;

    std::map<std::size_t, std::size_t> m_tarjan_index;
    std::map<std::size_t, std::size_t> m_low;
    std::vector<std::size_t> m_stack;
    std::set<std::size_t> m_on_stack;
    std::size_t m_counter = 0;
    std::vector<std::vector<std::size_t>> m_components;
};

} // namespace

dependency_plan order_by_dependencies(std::vector<dependency_node> const& nodes,
                                      unavailable_fn const& unavailable)
{
    return planner(nodes, unavailable).run();
}

} // namespace pico::plugins
