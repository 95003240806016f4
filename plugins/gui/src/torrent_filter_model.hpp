// Sorting and filtering of the torrent list: a name filter box and the status filters.
#pragma once

#include "formatting.hpp"

#include <QSortFilterProxyModel>
#include <optional>

namespace pico::gui {

/// Sorts by torrent_list_model's sort_role; filters by name text and status group.
class torrent_filter_model final : public QSortFilterProxyModel {
    Q_OBJECT
  public:
    explicit torrent_filter_model(QObject* parent = nullptr);
    /// Shows only torrents whose name contains `text` (case-insensitive); empty shows all.
    void set_name_filter(QString const& text);
    /// Shows only one status group; nullopt shows all.
    void set_status_filter(std::optional<status_group> group);

  protected:
    bool filterAcceptsRow(int source_row, QModelIndex const& source_parent) const override;
    /// By name: the source's cached collation keys; other columns: sort_role values.
    bool lessThan(QModelIndex const& left, QModelIndex const& right) const override;

  private:
    QString m_name;
    std::optional<status_group> m_group;
};

} // namespace pico::gui
