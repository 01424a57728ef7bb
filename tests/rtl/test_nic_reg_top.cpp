// The generated register top (nic_reg_top, from rtl/regmap.toml) alone, at its own default
// parameters (4 queues, 4 vectors): every access type the map declares does what the map
// says, through the AXI4-Lite slave, with the hardware side (hw2reg_*) driven by the test.
// The whole NIC's registers, behaviour included, are tests/rtl/test_nic_registers.cpp's.
#include <catch2/catch.hpp>

#include <verilated.h>

#include <cstdint>
#include <memory>

#include "Vnic_reg_top.h"
#include "nic_regs.hpp"

namespace {

namespace regs = nicsim::regs;

constexpr unsigned num_queues = 4;  // nic_reg_top's default NumQueues

class RegTop {
public:
    RegTop() : context_(std::make_unique<VerilatedContext>()), dut_(std::make_unique<Vnic_reg_top>(context_.get())) {
        dut_->rst_ni = 0;
        tick();
        dut_->rst_ni = 1;
        tick();
    }

    Vnic_reg_top& dut() { return *dut_; }

    // One clock cycle: the inputs set before it are sampled at its rising edge.
    void tick() {
        dut_->clk_i = 0;
        dut_->eval();
        dut_->clk_i = 1;
        dut_->eval();
        ++cycles_;
    }

    void write(std::uint32_t addr, std::uint32_t data) {
        dut_->s_axil_awaddr_i = static_cast<std::uint16_t>(addr);
        dut_->s_axil_wdata_i = data;
        dut_->s_axil_awvalid_i = 1;
        dut_->s_axil_wvalid_i = 1;
        dut_->s_axil_bready_i = 0;
        tick();  // both held
        dut_->s_axil_awvalid_i = 0;
        dut_->s_axil_wvalid_i = 0;
        wait_for([this] { return dut_->s_axil_bvalid_o != 0; });
        dut_->s_axil_bready_i = 1;
        tick();
        dut_->s_axil_bready_i = 0;
    }

    std::uint32_t read(std::uint32_t addr) {
        dut_->s_axil_araddr_i = static_cast<std::uint16_t>(addr);
        dut_->s_axil_arvalid_i = 1;
        dut_->s_axil_rready_i = 0;
        tick();
        dut_->s_axil_arvalid_i = 0;
        wait_for([this] { return dut_->s_axil_rvalid_o != 0; });
        const std::uint32_t data = dut_->s_axil_rdata_o;
        dut_->s_axil_rready_i = 1;
        tick();
        dut_->s_axil_rready_i = 0;
        return data;
    }

    // Ticks until `done` holds after a cycle (at most 20 cycles).
    template <class Pred>
    void wait_for(Pred done) {
        for (int i = 0; i < 20; ++i) {
            if (done()) return;
            tick();
        }
        FAIL("no AXI4-Lite response within 20 cycles");
    }

private:
    std::unique_ptr<VerilatedContext> context_;
    std::unique_ptr<Vnic_reg_top> dut_;
    std::uint64_t cycles_ = 0;
};

std::uint32_t q(unsigned queue, std::uint32_t reg) { return regs::queue_reg(queue, reg); }
std::uint32_t v(unsigned vector, std::uint32_t reg) { return regs::vector_reg(vector, reg); }

}  // namespace

TEST_CASE("constants and stored registers read their reset values", "[rtl][nic_reg_top]") {
    RegTop t;
    CHECK(t.read(regs::REG_ID) == regs::REG_ID_RESET);
    CHECK(t.read(regs::REG_VERSION) == regs::REG_VERSION_RESET);
    CHECK(t.read(regs::REG_MAX_FRAME_LEN) == regs::REG_MAX_FRAME_LEN_RESET);
    CHECK(t.read(regs::REG_US_PRESCALER) == regs::REG_US_PRESCALER_RESET);
    for (unsigned i = 0; i < num_queues; ++i) CHECK(t.read(q(i, regs::QREG_RX_BUF_SIZE)) == regs::QREG_RX_BUF_SIZE_RESET);
    // A write to a constant changes nothing.
    t.write(regs::REG_ID, 0);
    CHECK(t.read(regs::REG_ID) == regs::REG_ID_RESET);
}

TEST_CASE("rw registers keep only their fields, whole-word ones every bit", "[rtl][nic_reg_top]") {
    RegTop t;
    t.write(regs::REG_SCRATCH, 0xDEADBEEF);
    CHECK(t.read(regs::REG_SCRATCH) == 0xDEADBEEF);
    t.write(regs::REG_CTRL, 0xFFFFFFFF);
    CHECK(t.read(regs::REG_CTRL) == (regs::CTRL_RX_EN.mask() | regs::CTRL_TX_EN.mask()));
    CHECK(t.dut().reg2hw_ctrl_rx_en_q_o == 1);
    t.write(regs::REG_MAX_FRAME_LEN, 0xFFFFFFFF);
    CHECK(t.read(regs::REG_MAX_FRAME_LEN) == regs::MAX_FRAME_LEN_LEN.mask());
    CHECK(t.dut().reg2hw_max_frame_len_len_q_o == regs::MAX_FRAME_LEN_LEN.mask());
}

TEST_CASE("a 64-bit pair of registers is one value to the hardware", "[rtl][nic_reg_top]") {
    RegTop t;
    t.write(q(2, regs::QREG_RX_BASE_LO), 0x89ABCDE0);
    t.write(q(2, regs::QREG_RX_BASE_HI), 0x01234567);
    CHECK(t.read(q(2, regs::QREG_RX_BASE_LO)) == 0x89ABCDE0);
    CHECK(t.read(q(2, regs::QREG_RX_BASE_HI)) == 0x01234567);
    // reg2hw_rx_base_q_o is [NumQueues-1:0][63:0]: queue 2 is words 4 (low) and 5 (high).
    CHECK(t.dut().reg2hw_rx_base_q_o[4] == 0x89ABCDE0);
    CHECK(t.dut().reg2hw_rx_base_q_o[5] == 0x01234567);
    CHECK(t.dut().reg2hw_rx_base_q_o[0] == 0);
}

TEST_CASE("saturating fields store their maximum for wider values", "[rtl][nic_reg_top]") {
    RegTop t;
    t.write(v(1, regs::VREG_RX_USECS), 0x12345);
    CHECK(t.read(v(1, regs::VREG_RX_USECS)) == 0xFFFF);
    t.write(v(1, regs::VREG_RX_USECS), 77);
    CHECK(t.read(v(1, regs::VREG_RX_USECS)) == 77);
    t.write(q(0, regs::QREG_RX_IVAR), 40);
    CHECK(t.read(q(0, regs::QREG_RX_IVAR)) == 31);
}

TEST_CASE("w1c bits the hardware sets clear on a 1, and a set wins over a clear in its cycle", "[rtl][nic_reg_top]") {
    RegTop t;
    t.dut().hw2reg_status_dma_error_set_i = 1;
    t.tick();
    t.dut().hw2reg_status_dma_error_set_i = 0;
    CHECK(t.read(regs::REG_STATUS) == 1);
    t.write(regs::REG_STATUS, 0);  // writing 0 clears nothing
    CHECK(t.read(regs::REG_STATUS) == 1);
    t.write(regs::REG_STATUS, 1);
    CHECK(t.read(regs::REG_STATUS) == 0);
    // A clearing write and a new set at the same edge: the write is performed at the edge
    // after both channels were taken (wr_fire), and the set is high for that edge only.
    auto& d = t.dut();
    d.s_axil_awaddr_i = regs::REG_STATUS;
    d.s_axil_wdata_i = 1;
    d.s_axil_awvalid_i = 1;
    d.s_axil_wvalid_i = 1;
    t.tick();  // both taken
    d.s_axil_awvalid_i = 0;
    d.s_axil_wvalid_i = 0;
    d.hw2reg_status_dma_error_set_i = 1;
    t.tick();  // wr_fire: the clear and the set
    d.hw2reg_status_dma_error_set_i = 0;
    d.s_axil_bready_i = 1;
    t.tick();
    d.s_axil_bready_i = 0;
    CHECK(t.read(regs::REG_STATUS) == 1);
}

TEST_CASE("wo registers strobe the hardware with the data and read 0", "[rtl][nic_reg_top]") {
    RegTop t;
    auto& d = t.dut();
    d.s_axil_awaddr_i = regs::REG_INTR_MASK_SET;
    d.s_axil_wdata_i = 0x5;
    d.s_axil_awvalid_i = 1;
    d.s_axil_wvalid_i = 1;
    unsigned strobes = 0;
    for (int i = 0; i < 6; ++i) {
        t.tick();
        d.s_axil_awvalid_i = 0;
        d.s_axil_wvalid_i = 0;
        d.s_axil_bready_i = 1;
        d.eval();
        if (d.reg2hw_intr_mask_set_qe_o) {
            ++strobes;
            CHECK(d.reg_wdata_o == 0x5);
        }
    }
    CHECK(strobes == 1);
    CHECK(t.read(regs::REG_INTR_MASK_SET) == 0);
}

TEST_CASE("hwext registers read what the hardware holds", "[rtl][nic_reg_top]") {
    RegTop t;
    // hw2reg_rx_head_d_i is [NumQueues-1:0][11:0]: queue 1 at bits 23:12.
    t.dut().hw2reg_rx_head_d_i = std::uint64_t{0x123} << 12;
    CHECK(t.read(q(1, regs::QREG_RX_HEAD)) == 0x123);
    CHECK(t.read(q(0, regs::QREG_RX_HEAD)) == 0);
    t.dut().hw2reg_caps_d_i = 0x00410004;
    CHECK(t.read(regs::REG_CAPS) == 0x00410004);
}

TEST_CASE("counters count their increments, and _lo snapshots _hi", "[rtl][nic_reg_top]") {
    RegTop t;
    auto& d = t.dut();
    // Three sources report an rx_frames event in one cycle, one source in the next.
    REQUIRE(regs::GLOBAL_COUNTERS[0].name == "rx_frames");  // global counter 0, bit 0 of each source
    // hw2reg_gcnt_inc_i is [NumCntSrc-1:0][NUM_GCNT-1:0], source s's bits from s * NUM_GCNT.
    const unsigned n = static_cast<unsigned>(regs::GLOBAL_COUNTERS.size());
    for (unsigned s = 0; s < 3; ++s) d.hw2reg_gcnt_inc_i[(s * n) / 32] |= 1u << ((s * n) % 32);
    t.tick();
    for (int w = 0; w < 3; ++w) d.hw2reg_gcnt_inc_i[w] = 0;
    d.hw2reg_gcnt_inc_i[0] = 1;
    t.tick();
    d.hw2reg_gcnt_inc_i[0] = 0;
    CHECK(t.read(regs::REG_RX_FRAMES_LO) == 4);
    CHECK(t.read(regs::REG_RX_FRAMES_HI) == 0);
    // A queue counter adds its amount at the index reported; an index beyond the queues counts nothing.
    d.hw2reg_rx_q_bytes_inc_i = 1;
    d.hw2reg_rx_q_bytes_inc_idx_i = 3;
    d.hw2reg_rx_q_bytes_inc_amount_i = 1500;
    t.tick();
    d.hw2reg_rx_q_bytes_inc_idx_i = 9;
    t.tick();
    d.hw2reg_rx_q_bytes_inc_i = 0;
    CHECK(t.read(q(3, regs::QREG_RX_Q_BYTES_LO)) == 1500);
    CHECK(t.read(q(2, regs::QREG_RX_Q_BYTES_LO)) == 0);
}

TEST_CASE("unmapped addresses and blocks beyond the implemented count read 0 and ignore writes", "[rtl][nic_reg_top]") {
    RegTop t;
    t.write(0x0FF0, 0xFFFFFFFF);
    CHECK(t.read(0x0FF0) == 0);
    t.write(q(num_queues, regs::QREG_RX_LEN), 64);  // queue 4 of a 4-queue build
    CHECK(t.read(q(num_queues, regs::QREG_RX_LEN)) == 0);
    CHECK(t.read(q(num_queues - 1, regs::QREG_RX_LEN)) == 0);
}

TEST_CASE("external registers are forwarded, their reads a cycle later", "[rtl][nic_reg_top]") {
    RegTop t;
    auto& d = t.dut();
    d.ext_rdata_i = 0xC0FFEE;
    CHECK(t.read(regs::REG_RSS_KEY0) == 0xC0FFEE);
    d.s_axil_awaddr_i = regs::REG_RSS_CTRL;
    d.s_axil_wdata_i = 0x3;
    d.s_axil_awvalid_i = 1;
    d.s_axil_wvalid_i = 1;
    bool forwarded = false;
    for (int i = 0; i < 6 && !forwarded; ++i) {
        t.tick();
        d.s_axil_awvalid_i = 0;
        d.s_axil_wvalid_i = 0;
        d.eval();
        forwarded = d.ext_we_o && d.ext_addr_o == regs::REG_RSS_CTRL && d.ext_wdata_o == 0x3;
    }
    CHECK(forwarded);
}
