#include "gui_tests.hpp"

#include <QApplication>
#include <QTest>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    int failed = 0;
    {
        gui_models_test t;
        failed += QTest::qExec(&t, argc, argv);
    }
    {
        gui_window_test t;
        failed += QTest::qExec(&t, argc, argv);
    }
    {
        gui_dialog_test t;
        failed += QTest::qExec(&t, argc, argv);
    }
    {
        gui_create_test t;
        failed += QTest::qExec(&t, argc, argv);
    }
    return failed == 0 ? 0 : 1;
}
