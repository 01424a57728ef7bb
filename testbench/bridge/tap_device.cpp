#include "bridge/tap_device.hpp"

#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/buffer.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace nicsim::bridge {
namespace {

std::string errno_text(int error) { return std::string(std::strerror(error)); }

}  // namespace

void validate_interface_name(std::string_view name) {
    const auto bad = [&](const char* rule) {
        throw std::invalid_argument("--tap = '" + std::string(name) + "': " + rule);
    };
    constexpr const char* form = "must be an interface name of 1..15 characters (IFNAMSIZ - 1) without '/', ':' or whitespace";
    if (name.empty() || name.size() >= IFNAMSIZ) bad(form);
    if (name == "." || name == "..") bad(form);
    for (char c : name)
        if (c == '/' || c == ':' || c <= ' ' || c == 0x7f) bad(form);
}

TapDevice::TapDevice(boost::asio::io_context& io, const std::string& name, ErrorTally& errors)
    : name_(name), fd_(io), errors_(errors) {
    validate_interface_name(name);
    const int fd = ::open("/dev/net/tun", O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        const int e = errno;
        throw std::runtime_error("cannot open /dev/net/tun: " + errno_text(e) +
                                 (e == ENOENT ? " (no TUN/TAP support here: use --udp PORT instead)" : ""));
    }
    created_ = ::if_nametoindex(name.c_str()) == 0;
    ifreq request{};
    // IFF_NO_PI: frames without the 4-byte packet-information header.
    request.ifr_flags = IFF_TAP | IFF_NO_PI;
    std::memcpy(request.ifr_name, name.data(), name.size());
    if (::ioctl(fd, TUNSETIFF, &request) < 0) {
        const int e = errno;
        ::close(fd);
        std::string hint;
        if (e == EPERM)
            hint = created_ ? " (creating a TAP needs CAP_NET_ADMIN: run as root, or have root create it with "
                              "'ip tuntap add dev " + name + " mode tap user $USER')"
                            : " (it belongs to another user or group: see 'ip tuntap show')";
        else if (e == EBUSY)
            hint = " (another process has it open)";
        else if (e == EINVAL)
            hint = " (an interface of that name exists and is not a TAP)";
        throw std::runtime_error("--tap = " + name + ": cannot attach: " + errno_text(e) + hint);
    }
    fd_.assign(fd);
    fd_.non_blocking(true);
    // An existing TAP may have dropped frames before we came: count only ours.
    tx_dropped_at_attach_ = read_tx_dropped().value_or(0);
}

std::optional<std::uint64_t> TapDevice::read_tx_dropped() const {
    // Linux counts a frame it could not queue to the TAP's reader as a transmit drop of the
    // TAP interface (its direction is "out of Linux").
    std::ifstream in("/sys/class/net/" + name_ + "/statistics/tx_dropped");
    std::uint64_t value = 0;
    if (!(in >> value)) return std::nullopt;
    return value;
}

std::optional<std::uint64_t> TapDevice::kernel_queue_drops() const {
    const auto now = read_tx_dropped();
    if (!now) return std::nullopt;
    return *now >= tx_dropped_at_attach_ ? *now - tx_dropped_at_attach_ : *now;
}

TapDevice::~TapDevice() {
    boost::system::error_code ignored;
    fd_.close(ignored);
}

std::string TapDevice::describe() const {
    const std::string origin = created_ ? " (created; removed on exit)" : " (opened existing)";
    if (gone_) return "tap " + name_ + origin + ", gone";
    return "tap " + name_ + origin + (link_up() ? "" : ", link down: 'ip link set " + name_ + " up' to pass traffic");
}

bool TapDevice::link_up() const {
    const int s = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s < 0) return false;
    ifreq request{};
    std::memcpy(request.ifr_name, name_.data(), name_.size());
    const bool up = ::ioctl(s, SIOCGIFFLAGS, &request) == 0 && (request.ifr_flags & IFF_UP) != 0;
    ::close(s);
    return up;
}

void TapDevice::start(FrameHandler on_frame) {
    on_frame_ = std::move(on_frame);
    read_next();
}

void TapDevice::read_next() {
    fd_.async_read_some(boost::asio::buffer(buffer_), [this](const boost::system::error_code& ec, std::size_t n) {
        if (ec == boost::asio::error::operation_aborted) return;
        if (ec) {
            // EBADFD: the interface was deleted under us (ip link del, its namespace gone).
            // Nothing will come from it again; the bridge stops cleanly.
            gone_ = true;
            errors_.record("tap_gone", "tap " + name_ + " went away (read: " + ec.message() + "): stopping");
            return;
        }
        ++frames_in_;
        bytes_in_ += n;
        on_frame_(std::span<const std::uint8_t>(buffer_.data(), n));
        read_next();
    });
}

void TapDevice::send(std::span<const std::uint8_t> frame) {
    if (gone_) return;
    boost::system::error_code ec;
    const std::size_t n = fd_.write_some(boost::asio::buffer(frame.data(), frame.size()), ec);
    if (ec) {
        // EIO: the interface is down. Linux may bring it up again; keep going.
        errors_.record("tap_write_errors", "write to tap " + name_ + " failed: " + ec.message() +
                                               (ec.value() == EIO ? " (is the interface down?)" : ""));
        return;
    }
    ++frames_out_;
    bytes_out_ += n;
}

FramePort::Counts TapDevice::counts() const {
    Counts c{{"frames_from_linux", frames_in_},
             {"bytes_from_linux", bytes_in_},
             {"frames_to_linux", frames_out_},
             {"bytes_to_linux", bytes_out_}};
    if (const auto drops = kernel_queue_drops()) c.emplace_back("kernel_tap_queue_drops", *drops);
    return c;
}

}  // namespace nicsim::bridge
