#include "file_tree_model.hpp"

#include "formatting.hpp"

#include <unordered_map>

namespace pico::gui {

file_tree_model::file_tree_model(bool with_progress, QObject* parent)
    : QAbstractItemModel(parent), m_with_progress(with_progress)
{
    m_nodes.push_back({});
}

void file_tree_model::set_files(std::vector<file_row> const& files, std::int32_t total_files)
{
    beginResetModel();
    m_files = files;
    m_total_files = total_files;
    m_progress_known = false;
    m_nodes.assign(1, node{});
    // Folder lookup by (parent, name): one hash lookup per path component.
    std::unordered_map<std::string, std::int32_t> folders;
    for (std::size_t f = 0; f < m_files.size(); ++f) {
        auto const& path = m_files[f].path;
        std::int32_t parent = 0;
        std::size_t start = 0;
        for (auto slash = path.find('/'); slash != std::string::npos; slash = path.find('/', start)) {
            std::string const key = std::to_string(parent) + '/' + path.substr(start, slash - start);
            auto [it, inserted] = folders.try_emplace(key, static_cast<std::int32_t>(m_nodes.size()));
            if (inserted) {
                node n;
                n.name = QString::fromStdString(path.substr(start, slash - start));
                n.parent = parent;
                n.row = static_cast<std::int32_t>(m_nodes[static_cast<std::size_t>(parent)].children.size());
                m_nodes[static_cast<std::size_t>(parent)].children.push_back(it->second);
                m_nodes.push_back(std::move(n));
            }
            parent = it->second;
            start = slash + 1;
        }
        node leaf;
        leaf.name = QString::fromStdString(path.substr(start));
        leaf.parent = parent;
        leaf.row = static_cast<std::int32_t>(m_nodes[static_cast<std::size_t>(parent)].children.size());
        leaf.file = static_cast<std::int32_t>(f);
        leaf.size = m_files[f].size;
        leaf.files_below = 1;
        leaf.wanted_below = m_files[f].priority > 0 ? 1 : 0;
        auto const id = static_cast<std::int32_t>(m_nodes.size());
        m_nodes[static_cast<std::size_t>(parent)].children.push_back(id);
        m_nodes.push_back(std::move(leaf));
        // Sizes and counts up the chain.
        for (auto p = parent; p >= 0; p = m_nodes[static_cast<std::size_t>(p)].parent) {
            auto& up = m_nodes[static_cast<std::size_t>(p)];
            up.size += m_files[f].size;
            up.files_below += 1;
            up.wanted_below += m_files[f].priority > 0 ? 1 : 0;
        }
    }
    endResetModel();
}

std::vector<std::uint8_t> file_tree_model::priorities() const
{
    std::vector<std::uint8_t> out(static_cast<std::size_t>(m_total_files), 4);
    for (auto const& f : m_files) {
        if (f.index >= 0 && f.index < m_total_files)
            out[static_cast<std::size_t>(f.index)] = f.priority;
    }
    return out;
}

std::vector<std::string> file_tree_model::paths() const
{
    std::vector<std::string> out;
    for (auto const& f : m_files)
        out.push_back(f.path);
    return out;
}

std::vector<std::int32_t> file_tree_model::indices() const
{
    std::vector<std::int32_t> out;
    for (auto const& f : m_files)
        out.push_back(f.index);
    return out;
}

std::int64_t file_tree_model::wanted_size() const
{
    std::int64_t total = 0;
    for (auto const& f : m_files)
        total += f.priority > 0 ? f.size : 0;
    return total;
}

void file_tree_model::set_progress(std::vector<std::int64_t> const& bytes_by_index)
{
    for (auto& n : m_nodes)
        n.done = 0;
    for (std::size_t id = 0; id < m_nodes.size(); ++id) {
        if (m_nodes[id].file < 0)
            continue;
        auto& f = m_files[static_cast<std::size_t>(m_nodes[id].file)];
        auto const i = static_cast<std::size_t>(f.index);
        std::int64_t const done = f.index >= 0 && i < bytes_by_index.size() ? bytes_by_index[i] : 0;
        f.progress = f.size > 0 ? static_cast<double>(done) / static_cast<double>(f.size) : 1.0;
        for (auto p = static_cast<std::int32_t>(id); p >= 0; p = m_nodes[static_cast<std::size_t>(p)].parent)
            m_nodes[static_cast<std::size_t>(p)].done += done;
    }
    m_progress_known = true;
    if (!m_with_progress)
        return;
    for (std::size_t id = 0; id < m_nodes.size(); ++id) {
        auto const& n = m_nodes[id];
        if (n.children.empty())
            continue;
        auto const parent = id == 0 ? QModelIndex() : createIndex(n.row, 0, static_cast<quintptr>(id));
        emit dataChanged(index(0, 2, parent), index(static_cast<int>(n.children.size()) - 1, 2, parent),
                         {Qt::DisplayRole});
    }
}

std::int64_t file_tree_model::done_bytes(QModelIndex const& index) const
{
    return m_progress_known ? node_of(index).done : -1;
}

void file_tree_model::set_wanted(std::vector<std::int32_t> const& indices, bool wanted)
{
    std::unordered_map<std::int32_t, std::int32_t> node_by_index;
    for (std::size_t n = 0; n < m_nodes.size(); ++n) {
        if (m_nodes[n].file >= 0)
            node_by_index[m_files[static_cast<std::size_t>(m_nodes[n].file)].index] =
                static_cast<std::int32_t>(n);
    }
    for (auto i : indices) {
        if (auto it = node_by_index.find(i); it != node_by_index.end())
            set_file_wanted(it->second, wanted);
    }
    // Many scattered changes: one repaint of everything is cheaper than a signal per file.
    beginResetModel();
    endResetModel();
    emit priorities_changed();
}

void file_tree_model::set_file_wanted(std::int32_t node_id, bool wanted)
{
    auto& n = m_nodes[static_cast<std::size_t>(node_id)];
    auto& f = m_files[static_cast<std::size_t>(n.file)];
    bool const was = f.priority > 0;
    if (was == wanted)
        return;
    f.priority = wanted ? 4 : 0;
    int const delta = wanted ? 1 : -1;
    for (auto p = node_id; p >= 0; p = m_nodes[static_cast<std::size_t>(p)].parent)
        m_nodes[static_cast<std::size_t>(p)].wanted_below += delta;
}

void file_tree_model::set_subtree(std::int32_t node_id, bool wanted)
{
    auto const& n = m_nodes[static_cast<std::size_t>(node_id)];
    if (n.file >= 0) {
        set_file_wanted(node_id, wanted);
        return;
    }
    for (auto c : n.children)
        set_subtree(c, wanted);
}

void file_tree_model::emit_ancestors(std::int32_t node_id)
{
    for (auto p = m_nodes[static_cast<std::size_t>(node_id)].parent; p > 0;
         p = m_nodes[static_cast<std::size_t>(p)].parent) {
        auto const& n = m_nodes[static_cast<std::size_t>(p)];
        auto const i = createIndex(n.row, 0, static_cast<quintptr>(p));
        emit dataChanged(i, i.siblingAtColumn(columnCount() - 1));
    }
}

file_tree_model::node const& file_tree_model::node_of(QModelIndex const& index) const
{
    return m_nodes[index.isValid() ? static_cast<std::size_t>(index.internalId()) : 0];
}

QModelIndex file_tree_model::index(int row, int column, QModelIndex const& parent) const
{
    auto const& p = node_of(parent);
    if (row < 0 || row >= static_cast<int>(p.children.size()) || column < 0 || column >= columnCount())
        return {};
    return createIndex(row, column, static_cast<quintptr>(p.children[static_cast<std::size_t>(row)]));
}

QModelIndex file_tree_model::parent(QModelIndex const& child) const
{
    if (!child.isValid())
        return {};
    auto const p = node_of(child).parent;
    if (p <= 0)
        return {};
    return createIndex(m_nodes[static_cast<std::size_t>(p)].row, 0, static_cast<quintptr>(p));
}

int file_tree_model::rowCount(QModelIndex const& parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return static_cast<int>(node_of(parent).children.size());
}

int file_tree_model::columnCount(QModelIndex const&) const
{
    return m_with_progress ? 4 : 2;
}

QVariant file_tree_model::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static char const* const names[] = {"Name", "Size", "Progress", "Priority"};
    return section >= 0 && section < columnCount() ? QString::fromLatin1(names[section]) : QVariant();
}

QVariant file_tree_model::data(QModelIndex const& index, int role) const
{
    if (!index.isValid())
        return {};
    auto const& n = node_of(index);
    file_row const* f = n.file >= 0 ? &m_files[static_cast<std::size_t>(n.file)] : nullptr;
    if (role == Qt::CheckStateRole && index.column() == 0) {
        if (n.wanted_below == 0)
            return Qt::Unchecked;
        return n.wanted_below == n.files_below ? Qt::Checked : Qt::PartiallyChecked;
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case 0:
        return n.name;
    case 1:
        return size_text(n.size);
    case 2:
        if (!m_progress_known)
            return QString();
        return QStringLiteral("%1%").arg(
            n.size > 0 ? 100.0 * static_cast<double>(n.done) / static_cast<double>(n.size) : 100.0, 0, 'f',
            1);
    case 3:
        if (!f)
            return QString();
        return f->priority == 0   ? QStringLiteral("Skip")
               : f->priority >= 7 ? QStringLiteral("High")
               : f->priority <= 1 ? QStringLiteral("Low")
                                  : QStringLiteral("Normal");
    default:
        return {};
    }
}

bool file_tree_model::setData(QModelIndex const& index, QVariant const& value, int role)
{
    if (!index.isValid() || role != Qt::CheckStateRole || index.column() != 0)
        return false;
    auto const id = static_cast<std::int32_t>(index.internalId());
    bool const wanted = value.toInt() != Qt::Unchecked;
    set_subtree(id, wanted);
    auto const& n = m_nodes[static_cast<std::size_t>(id)];
    if (n.file < 0) {
        // The whole subtree changed: refresh it wholesale.
        beginResetModel();
        endResetModel();
    } else {
        emit dataChanged(index, index.siblingAtColumn(columnCount() - 1));
        emit_ancestors(id);
    }
    emit priorities_changed();
    return true;
}

Qt::ItemFlags file_tree_model::flags(QModelIndex const& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    auto f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    return index.column() == 0 ? f | Qt::ItemIsUserCheckable : f;
}

} // namespace pico::gui
