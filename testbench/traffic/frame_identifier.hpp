// Tells which offered frame a received frame is: the interface between whoever accounts for
// frames (apps' DeliveryLedger) and the traffic that made them. Test frames carry their
// identity in their payload; a capture's frames are recognised by their bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "traffic/frame_id.hpp"

namespace nicsim::traffic {

class FrameIdentifier {
public:
    virtual ~FrameIdentifier() = default;
    // The identity of `frame` as the host received it, or nothing when it is none of the
    // offered frames as they were offered (it was corrupted, or received twice).
    virtual std::optional<FrameId> identify(std::span<const std::uint8_t> frame) = 0;
};

// For frames that are test frames: reads the identity they carry.
class TestFrameIdentifier final : public FrameIdentifier {
public:
    std::optional<FrameId> identify(std::span<const std::uint8_t> frame) override;
};

}  // namespace nicsim::traffic
