#include "torrent_filter_model.hpp"

#include "torrent_list_model.hpp"

namespace pico::gui {

torrent_filter_model::torrent_filter_model(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(sort_role);
    // Rates change every second: re-sorting on every update would make rows jump under the mouse
    // only when the user sorted by a changing column, which is what they asked for.
    setDynamicSortFilter(true);
}

void torrent_filter_model::set_name_filter(QString const& text)
{
    m_name = text;
    invalidateFilter();
}

void torrent_filter_model::set_status_filter(std::optional<status_group> group)
{
    m_group = group;
    invalidateFilter();
}

bool torrent_filter_model::lessThan(QModelIndex const& left, QModelIndex const& right) const
{
    if (left.column() == col_name) {
        if (auto const* m = qobject_cast<torrent_list_model const*>(sourceModel()))
            return m->name_less(left.row(), right.row());
    }
    return QSortFilterProxyModel::lessThan(left, right);
}

bool torrent_filter_model::filterAcceptsRow(int source_row, QModelIndex const& source_parent) const
{
    auto const index = sourceModel()->index(source_row, col_name, source_parent);
    if (m_group && group_of(static_cast<sdk::status_code>(index.data(status_role).toInt())) != *m_group)
        return false;
    return m_name.isEmpty() || index.data(Qt::DisplayRole).toString().contains(m_name, Qt::CaseInsensitive);
}

} // namespace pico::gui
