#include "progress_delegate.hpp"

#include <QApplication>
#include <QStyleOptionProgressBar>

namespace pico::gui {

void progress_delegate::paint(QPainter* painter, QStyleOptionViewItem const& option,
                              QModelIndex const& index) const
{
    QStyledItemDelegate::paint(painter, option, QModelIndex()); // background and selection only
    double const value = index.data(Qt::DisplayRole).toDouble();
    QStyleOptionProgressBar bar;
    bar.rect = option.rect.adjusted(1, 2, -1, -2);
    bar.minimum = 0;
    bar.maximum = 1000;
    bar.progress = static_cast<int>(value * 1000.0);
    bar.text = QStringLiteral("%1%").arg(value * 100.0, 0, 'f', 1);
    bar.textVisible = true;
    // Qt 6 reads the orientation from State_Horizontal; without it the bar stays empty.
    bar.state = option.state | QStyle::State_Horizontal | QStyle::State_Enabled;
    QApplication::style()->drawControl(QStyle::CE_ProgressBar, &bar, painter);
}

} // namespace pico::gui
