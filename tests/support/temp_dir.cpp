#include "support/temp_dir.hpp"

#include <cerrno>
#include <cstdlib>
#include <iostream>
#include <stdlib.h>
#include <string>
#include <system_error>

namespace pico::test_support {

temp_dir::temp_dir()
{
    char const* base = std::getenv("TMPDIR");
    std::string pattern = (base && *base ? std::string(base) : std::string("/tmp")) + "/pico-test-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr)
        throw std::system_error(errno, std::generic_category(), "mkdtemp " + pattern);
    m_path = pattern;
}

temp_dir::~temp_dir()
{
    if (std::getenv("PICO_KEEP_TEST_DIRS")) {
        std::cerr << "kept test directory " << m_path.string() << '\n';
        return;
    }
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

} // namespace pico::test_support
