#pragma once
// A value or a readable error. The runtime is built without exceptions (the web build), so
// every fallible step returns one of these instead of throwing.
#include <optional>
#include <string>
#include <utility>

namespace almere {

template <class T> class Result {
  public:
    Result(T value) : value_(std::move(value)) {}
    static Result failure(std::string message) {
        Result r;
        r.error_ = std::move(message);
        return r;
    }
    explicit operator bool() const { return value_.has_value(); }
    const T& value() const { return *value_; }
    T& value() { return *value_; }
    T take() { return std::move(*value_); }
    const std::string& error() const { return error_; }

  private:
    Result() = default;
    std::optional<T> value_;
    std::string error_;
};

} // namespace almere
