// udp_flood PORT COUNT: sends COUNT datagrams, each one 60-byte Ethernet frame (broadcast,
// EtherType 0x88B5, "local experimental"), to 127.0.0.1:PORT as fast as the kernel takes them,
// and prints how many were sent. A test tool: it floods `nicsim bridge --udp` faster than the
// bridge can read, so that the kernel drops some for a full receive buffer.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: udp_flood PORT COUNT\n");
        return 2;
    }
    const auto port = std::strtoul(argv[1], nullptr, 10);
    const auto count = std::strtoull(argv[2], nullptr, 10);
    if (port == 0 || port > 65535 || count == 0) {
        std::fprintf(stderr, "udp_flood: PORT must be in 1..65535 and COUNT above 0\n");
        return 2;
    }
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0) {
        std::perror("udp_flood: socket");
        return 1;
    }
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<std::uint16_t>(port));
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    std::array<std::uint8_t, 60> frame{};
    frame.fill(0);
    for (int i = 0; i < 6; ++i) frame[static_cast<std::size_t>(i)] = 0xff;  // broadcast
    frame[6] = 0x02;                                                          // a local source MAC
    frame[12] = 0x88;
    frame[13] = 0xb5;
    unsigned long long sent = 0;
    for (; sent < count; ++sent) {
        if (::sendto(fd, frame.data(), frame.size(), 0, reinterpret_cast<const sockaddr*>(&to), sizeof to) < 0) {
            std::fprintf(stderr, "udp_flood: sendto after %llu datagrams: %s\n", sent, std::strerror(errno));
            ::close(fd);
            return 1;
        }
    }
    ::close(fd);
    std::printf("sent %llu\n", sent);
    return 0;
}
