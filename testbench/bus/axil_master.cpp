#include "bus/axil_master.hpp"

#include <stdexcept>
#include <string>

namespace nicsim::tb {

AxilMaster::AxilMaster(const AxilPorts& ports) : p_(ports) { reset(); }

void AxilMaster::check_address(std::uint32_t addr) const {
    if (addr > 0xFFFFu)
        throw std::out_of_range("AxilMaster: MMIO address " + std::to_string(addr) +
                                " does not fit the 16-bit s_axil address bus");
    if (addr % 4 != 0)
        throw std::invalid_argument("AxilMaster: MMIO address " + std::to_string(addr) + " is not 4-byte aligned");
}

void AxilMaster::start_write(std::uint32_t addr, std::uint32_t data, std::uint8_t strb) {
    check_address(addr);
    queue_.push(Request{true, static_cast<std::uint16_t>(addr), data, static_cast<std::uint8_t>(strb & 0xF)});
}

void AxilMaster::start_read(std::uint32_t addr) {
    check_address(addr);
    queue_.push(Request{false, static_cast<std::uint16_t>(addr), 0, 0});
}

void AxilMaster::reset() {
    busy_ = false;
    awvalid_ = wvalid_ = bready_ = arvalid_ = rready_ = 0;
    apply();
}

void AxilMaster::apply() {
    *p_.awaddr = current_.addr;
    *p_.awprot = 0;
    *p_.awvalid = awvalid_;
    *p_.wdata = current_.data;
    *p_.wstrb = current_.strb;
    *p_.wvalid = wvalid_;
    *p_.bready = bready_;
    *p_.araddr = current_.addr;
    *p_.arprot = 0;
    *p_.arvalid = arvalid_;
    *p_.rready = rready_;
}

void AxilMaster::sample(std::uint64_t /*cycle*/) {
    if (busy_) {
        if (awvalid_ && *p_.awready) awvalid_ = 0;
        if (wvalid_ && *p_.wready) wvalid_ = 0;
        if (arvalid_ && *p_.arready) arvalid_ = 0;
        if (bready_ && *p_.bvalid) {
            last_write_resp_ = last_resp_ = static_cast<AxiResp>(*p_.bresp & 3u);
            bready_ = 0;
            busy_ = false;
            ++completed_;
        }
        if (rready_ && *p_.rvalid) {
            last_read_ = ReadResult{*p_.rdata, static_cast<AxiResp>(*p_.rresp & 3u)};
            last_resp_ = last_read_.resp;
            rready_ = 0;
            busy_ = false;
            ++completed_;
        }
    }
    if (!busy_ && !queue_.empty()) start_next();
}

void AxilMaster::start_next() {
    current_ = queue_.front();
    queue_.pop_front();
    busy_ = true;
    awvalid_ = wvalid_ = bready_ = current_.is_write;
    arvalid_ = rready_ = !current_.is_write;
}

}  // namespace nicsim::tb
