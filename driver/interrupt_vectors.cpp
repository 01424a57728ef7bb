#include "interrupt_vectors.hpp"

#include "nic_regs.hpp"

namespace nicsim::driver {

void program_vector(NicDriver& nic, unsigned queue, unsigned vector, const Coalesce& c) {
    Device& dev = nic.device();
    dev.mmio_write32(regs::queue_reg(queue, regs::QREG_RX_IVAR), vector);
    dev.mmio_write32(regs::queue_reg(queue, regs::QREG_TX_IVAR), vector);
    dev.mmio_write32(regs::vector_reg(vector, regs::VREG_RX_USECS), c.rx_usecs);
    dev.mmio_write32(regs::vector_reg(vector, regs::VREG_RX_FRAMES), c.rx_frames);
    dev.mmio_write32(regs::vector_reg(vector, regs::VREG_TX_USECS), c.tx_usecs);
    dev.mmio_write32(regs::vector_reg(vector, regs::VREG_TX_FRAMES), c.tx_frames);
}

void rearm_vector(NicDriver& nic, unsigned vector) {
    nic.device().mmio_write32(regs::REG_INTR_MASK_CLEAR, 1u << vector);
}

void mask_vectors(NicDriver& nic, std::uint32_t vectors) { nic.device().mmio_write32(regs::REG_INTR_MASK_SET, vectors); }

}  // namespace nicsim::driver
