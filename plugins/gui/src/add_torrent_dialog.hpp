// The "Add torrent" dialog: file tree with checkboxes and sizes, Include/Exclude menus from the
// file_filters service, save path, start paused.
#pragma once

#include "file_tree_model.hpp"
#include "host_link.hpp"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QTreeView;

namespace pico::gui {

/// One torrent to add; exec() == Accepted means go ahead with the choices below.
class add_torrent_dialog final : public QDialog {
    Q_OBJECT
  public:
    add_torrent_dialog(host_link& link, QString const& name, std::vector<file_row> const& files,
                       std::int32_t total_files, QWidget* parent = nullptr);

    /// One priority per file index.
    std::vector<std::uint8_t> priorities() const { return m_model->priorities(); }
    /// The chosen save path.
    QString save_path() const;
    /// Whether "Start paused" is checked.
    bool start_paused() const;
    /// The tree (tests drive it).
    file_tree_model* model() const { return m_model; }
    /// Applies a filter by name (Include: only matching files; Exclude: skip matching ones).
    /// Returns the error line, empty on success.
    QString apply_filter(QString const& filter, bool include);

  private:
    void show_context_menu(QPoint const& pos);
    void update_summary();

    host_link& m_link;
    file_tree_model* m_model;
    QTreeView* m_tree;
    QLineEdit* m_save_path;
    QCheckBox* m_paused;
    QLabel* m_summary;
};

} // namespace pico::gui
