#include "add_torrent_dialog.hpp"

#include "formatting.hpp"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace pico::gui {

add_torrent_dialog::add_torrent_dialog(host_link& link, QString const& name,
                                       std::vector<file_row> const& files, std::int32_t total_files,
                                       QWidget* parent)
    : QDialog(parent), m_link(link), m_model(new file_tree_model(false, this))
{
    setWindowTitle(QStringLiteral("Add torrent"));
    setAccessibleName(QStringLiteral("Add torrent"));
    resize(640, 480);
    m_model->set_files(files, total_files);

    auto* layout = new QVBoxLayout(this);
    auto* title = new QLabel(name, this);
    title->setAccessibleName(QStringLiteral("Torrent name"));
    layout->addWidget(title);

    m_tree = new QTreeView(this);
    m_tree->setModel(m_model);
    m_tree->setAccessibleName(QStringLiteral("Files"));
    m_tree->setUniformRowHeights(true); // keeps 20,000 rows cheap to lay out
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setStretchLastSection(false);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    if (m_model->rowCount() == 1)
        m_tree->expand(m_model->index(0, 0));
    connect(m_tree, &QTreeView::customContextMenuRequested, this, &add_torrent_dialog::show_context_menu);
    layout->addWidget(m_tree);

    m_summary = new QLabel(this);
    layout->addWidget(m_summary);
    connect(m_model, &file_tree_model::priorities_changed, this, &add_torrent_dialog::update_summary);
    update_summary();

    auto* path_row = new QHBoxLayout;
    path_row->addWidget(new QLabel(QStringLiteral("Save to:"), this));
    m_save_path = new QLineEdit(QString::fromStdString(link.default_save_path), this);
    m_save_path->setAccessibleName(QStringLiteral("Save path"));
    path_row->addWidget(m_save_path);
    auto* browse = new QPushButton(QStringLiteral("Browse…"), this);
    browse->setAccessibleName(QStringLiteral("Browse for save path"));
    connect(browse, &QPushButton::clicked, this, [this] {
        auto const dir =
            QFileDialog::getExistingDirectory(this, QStringLiteral("Save to"), m_save_path->text());
        if (!dir.isEmpty())
            m_save_path->setText(dir);
    });
    path_row->addWidget(browse);
    layout->addLayout(path_row);

    m_paused = new QCheckBox(QStringLiteral("Start paused"), this);
    m_paused->setAccessibleName(QStringLiteral("Start paused"));
    layout->addWidget(m_paused);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(QStringLiteral("Add"));
    buttons->button(QDialogButtonBox::Ok)->setAccessibleName(QStringLiteral("Add"));
    buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(QStringLiteral("Cancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QString add_torrent_dialog::save_path() const
{
    return m_save_path->text();
}

bool add_torrent_dialog::start_paused() const
{
    return m_paused->isChecked();
}

void add_torrent_dialog::update_summary()
{
    m_summary->setText(QStringLiteral("Selected: %1").arg(size_text(m_model->wanted_size())));
}

QString add_torrent_dialog::apply_filter(QString const& filter, bool include)
{
    if (!m_link.filters)
        return QStringLiteral("the file_filters plugin is not running");
    auto const paths = m_model->paths();
    auto const indices = m_model->indices();
    auto const result = m_link.filters->match(filter.toStdString(), paths);
    if (!result.ok)
        return QString::fromStdString(result.error);
    std::vector<std::int32_t> matching;
    std::vector<std::int32_t> others;
    for (std::size_t i = 0; i < paths.size(); ++i)
        (result.matches[i] ? matching : others).push_back(indices[i]);
    if (include) {
        // Include: exactly the matching files are wanted.
        m_model->set_wanted(others, false);
        m_model->set_wanted(matching, true);
    } else {
        m_model->set_wanted(matching, false);
    }
    return {};
}

void add_torrent_dialog::show_context_menu(QPoint const& pos)
{
    QMenu menu(this);
    auto* include = menu.addMenu(QStringLiteral("Include"));
    auto* exclude = menu.addMenu(QStringLiteral("Exclude"));
    std::vector<file_filters::filter> filters;
    if (m_link.filters)
        filters = m_link.filters->filters();
    for (auto const& f : filters) {
        auto const name = QString::fromStdString(f.name);
        for (auto [sub, inc] : {std::pair{include, true}, std::pair{exclude, false}}) {
            auto* action = sub->addAction(name);
            action->setEnabled(f.error.empty());
            connect(action, &QAction::triggered, this, [this, name, inc = inc] {
                if (auto const error = apply_filter(name, inc); !error.isEmpty())
                    QMessageBox::warning(this, QStringLiteral("File filter"), error);
            });
        }
    }
    if (filters.empty()) {
        include->setEnabled(false);
        exclude->setEnabled(false);
    }
    menu.exec(m_tree->viewport()->mapToGlobal(pos));
}

} // namespace pico::gui
