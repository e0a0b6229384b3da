#pragma once
// A fresh folder under the system's temp directory, removed with everything in it at scope end.
#include <filesystem>
#include <random>
#include <string>

struct TempDir {
    TempDir() {
        std::random_device random;
        path = std::filesystem::temp_directory_path() /
               ("almere-test-" + std::to_string(random()) + std::to_string(random()));
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::string str() const { return path.string(); }
    std::filesystem::path path;
};
