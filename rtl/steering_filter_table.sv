// Exact-match steering filter table: NumRules rules of the map's [filter] block, each matched
// against a frame's lookup key; the lowest-index matching rule wins (early demultiplexing ahead
// of RSS, as LRP's NI demux and Intel's Flow Director perfect filters do it).
//
// The C++ reference model is model/steering_filters.{hpp,cpp}; tests/rtl/
// test_steering_filter_table.cpp checks the two against each other. Match rules (normative,
// the same as the model's):
//  * A rule matches when it is enabled, the frame is IP (key_is_ip_i) of the rule's family,
//    the protocol is any (0 or 3) or equal to key_l4_i, and each of source address,
//    destination address, source port, destination port is wildcarded or equal.
//  * An IPv4 rule compares address word 0 only (address bytes 0..3); words 1..3 are stored and
//    read back but ignored.
//  * A port that is not wildcarded needs a frame with ports (key_has_ports_i): a frame without
//    ports matches only rules with both ports wildcarded.
//  * Non-IP and malformed frames (key_is_ip_i = 0) match nothing.
//
// Implementation: a ternary (TCAM-like) value/mask compare of a packed key. Each rule keeps a
// value vector (the written addresses and ports in place, plus family/protocol/"needs ports"
// bits from ctrl) and a mask vector computed when ctrl is written, so a lookup is one masked
// XOR per rule plus a priority pick. The compare runs only in cycles with lookup_valid_i, in
// the sequential block, so an idle cycle costs a few flag tests (simulation speed: Verilator
// evaluates every process every cycle, see rtl/README.md).
//
// Timing: result_* are registers, valid exactly one cycle after lookup_valid_i. The winner's
// hit counter counts the frame one cycle later still (from the registered result), so a read of
// hits issued in the cycle after the lookup may not see it yet.
//
// Registers (offsets FREG_* within a rule's 0x40 block; rules >= NumRules read 0, ignore
// writes):
//  * ctrl reads back its defined fields only (enable, family, protocol, wildcard, action,
//    queue). Writing ctrl clears the rule's hit counter; a frame judged by the rule as it was
//    before the write (looked up in the cycle of the write or before) is not counted after it.
//  * src_addr0..3, dst_addr0..3, ports read back as written. Changing them on an enabled rule
//    takes effect for the next lookup.
//  * hits_lo returns bits 31:0 of the 64-bit counter and snapshots bits 63:32 into one shadow
//    shared by all rules; a hits_hi read returns that shadow (the map's 64-bit counter rule).
//    Counters wrap. Writes to hits are ignored.
//  * reg_rdata_o is registered: valid the cycle after reg_re_i, held until the next read.
`default_nettype none

module steering_filter_table
  import nic_regmap_pkg::*;
#(
  // Number of rules implemented; legal 1..FILTER_COUNT (the map's 64).
  parameter int unsigned NumRules = FILTER_COUNT
) (
  input  wire logic         clk_i,
  input  wire logic         rst_ni,

  // Register access for the filter block, from the register slave. reg_rule_i = rule index,
  // reg_offset_i = byte offset within the rule's 0x40 block (FREG_*/FCNT_* offsets).
  input  wire logic         reg_we_i,
  input  wire logic         reg_re_i,
  input  wire logic [5:0]   reg_rule_i,
  input  wire logic [5:0]   reg_offset_i,
  input  wire logic [31:0]  reg_wdata_i,
  output logic      [31:0]  reg_rdata_o,      // registered: valid the cycle after reg_re_i

  // Lookup key of one frame (at most one per cycle). Addresses in network byte order with
  // address byte 0 in bits 127:120; an IPv4 address in bits 127:96 (bits 95:0 zero).
  input  wire logic         lookup_valid_i,
  input  wire logic         key_is_ip_i,      // 0 for non-IP and malformed frames: match nothing
  input  wire logic         key_ipv6_i,
  input  wire logic [1:0]   key_l4_i,         // 0 none, 1 tcp, 2 udp
  input  wire logic         key_has_ports_i,
  input  wire logic [127:0] key_src_addr_i,
  input  wire logic [127:0] key_dst_addr_i,
  input  wire logic [15:0]  key_src_port_i,
  input  wire logic [15:0]  key_dst_port_i,

  // Result, exactly one cycle after lookup_valid_i. The winning rule's hit counter counts it.
  output logic              result_valid_o,
  output logic              hit_o,
  output logic [5:0]        hit_index_o,
  output logic              hit_drop_o,
  output logic [3:0]        hit_queue_o       // the rule's queue field as programmed
);

  // ---------------------------------------------------------------- parameter checks
  if (NumRules < 1 || NumRules > FILTER_COUNT) begin : gen_bad_num_rules
    $fatal(1, "%m: NumRules = %0d, legal range is 1..%0d", NumRules, FILTER_COUNT);
  end

  // ---------------------------------------------------------------- constants
  // Index width into the rule arrays (at least 1 bit for a single rule).
  localparam int unsigned RuleW = (NumRules > 1) ? $clog2(NumRules) : 1;

  // Packed match key: source address, destination address, source port, destination port,
  // then family (1 = IPv6), L4 kind and "has ports". Addresses keep the port's byte order, so
  // the address registers land in the value vector unchanged.
  localparam int unsigned KEY_W         = 128 + 128 + 16 + 16 + 1 + 2 + 1;
  localparam int unsigned SRC_ADDR_LSB  = 164;
  localparam int unsigned DST_ADDR_LSB  = 36;
  localparam int unsigned PORTS_LSB     = 4;   // {src_port, dst_port}: the ports register
  localparam int unsigned IPV6_BIT      = 3;
  localparam int unsigned L4_LSB        = 1;
  localparam int unsigned HAS_PORTS_BIT = 0;

  // The ctrl bits that exist (the rest read 0).
  localparam int unsigned CTRL_W = 16;
  localparam logic [CTRL_W-1:0] CTRL_FIELDS =
      CTRL_W'(((1 << CTRL_ENABLE_WIDTH) - 1)   << CTRL_ENABLE_LSB)   |
      CTRL_W'(((1 << CTRL_FAMILY_WIDTH) - 1)   << CTRL_FAMILY_LSB)   |
      CTRL_W'(((1 << CTRL_PROTOCOL_WIDTH) - 1) << CTRL_PROTOCOL_LSB) |
      CTRL_W'(((1 << CTRL_WILDCARD_WIDTH) - 1) << CTRL_WILDCARD_LSB) |
      CTRL_W'(((1 << CTRL_ACTION_WIDTH) - 1)   << CTRL_ACTION_LSB)   |
      CTRL_W'(((1 << CTRL_QUEUE_WIDTH) - 1)    << CTRL_QUEUE_LSB);

  localparam logic [1:0] PROTOCOL_TCP = 2'd1;
  localparam logic [1:0] PROTOCOL_UDP = 2'd2;

  typedef struct packed {
    logic       hit;
    logic [5:0] index;
    logic       drop;
    logic [3:0] queue_id;
  } result_t;

  // ---------------------------------------------------------------- state
  logic [NumRules-1:0] enable_q;                 // ctrl.enable of every rule, for a quick test
  logic [CTRL_W-1:0]   ctrl_q  [NumRules];       // ctrl as read back
  logic [KEY_W-1:0]    value_q [NumRules];       // match value (addresses, ports as written)
  logic [KEY_W-1:0]    mask_q  [NumRules];       // bits compared, from ctrl
  logic [63:0]         hits_q  [NumRules];
  logic [31:0]         hits_shadow_q;
  logic [31:0]         rdata_q;
  logic                result_valid_q;
  result_t             result_q;
  // A ctrl write in the lookup's own cycle, and its rule: that lookup used the old rule.
  logic                lookup_ctrl_written_q;
  logic [5:0]          lookup_ctrl_rule_q;

  // ---------------------------------------------------------------- functions
  // The array index of an existing rule (rule_exists() is checked before it is used).
  function automatic logic [RuleW-1:0] rule_idx(logic [5:0] rule);
    return RuleW'(rule);
  endfunction

  function automatic logic rule_exists(logic [5:0] rule);
    return {1'b0, rule} < 7'(NumRules);
  endfunction

  function automatic logic is_ctrl_write(logic we, logic [5:0] rule, logic [5:0] offset);
    return we && rule_exists(rule) && ({2'b00, offset} == FREG_CTRL);
  endfunction

  // Protocol 1/2 compares the frame's L4 kind; 0 and 3 mean any.
  function automatic logic protocol_exact(logic [1:0] protocol);
    return (protocol == PROTOCOL_TCP) || (protocol == PROTOCOL_UDP);
  endfunction

  // The compared bits of a rule with this ctrl. The family is always compared; an IPv4 rule
  // compares address bits 127:96 only; a compared port requires a frame with ports.
  function automatic logic [KEY_W-1:0] rule_mask(logic [31:0] ctrl);
    logic [3:0]       dont_care;
    logic [127:0]     addr_bits;
    logic [KEY_W-1:0] mask;
    dont_care = ctrl[CTRL_WILDCARD_LSB +: CTRL_WILDCARD_WIDTH];
    addr_bits = ctrl[CTRL_FAMILY_LSB] ? '1 : {32'hFFFF_FFFF, 96'h0};
    mask      = '0;
    if (!dont_care[0]) mask[SRC_ADDR_LSB +: 128] = addr_bits;
    if (!dont_care[1]) mask[DST_ADDR_LSB +: 128] = addr_bits;
    if (!dont_care[2]) mask[PORTS_LSB + 16 +: 16] = '1;
    if (!dont_care[3]) mask[PORTS_LSB +: 16] = '1;
    mask[IPV6_BIT] = 1'b1;
    if (protocol_exact(ctrl[CTRL_PROTOCOL_LSB +: CTRL_PROTOCOL_WIDTH])) begin
      mask[L4_LSB +: 2] = '1;
    end
    mask[HAS_PORTS_BIT] = !(dont_care[2] && dont_care[3]);
    return mask;
  endfunction

  // The key bits below the ports that a rule with this ctrl expects: {ipv6, l4, has_ports}.
  // Bits the mask does not compare are don't-care.
  function automatic logic [PORTS_LSB-1:0] rule_meta(logic [31:0] ctrl);
    return {ctrl[CTRL_FAMILY_LSB], ctrl[CTRL_PROTOCOL_LSB +: CTRL_PROTOCOL_WIDTH], 1'b1};
  endfunction

  // The winning (lowest-index) enabled rule for a key, with its action and queue.
  function automatic result_t lookup(logic [KEY_W-1:0] key);
    result_t res;
    res = '0;
    for (int unsigned r = 0; r < NumRules; r++) begin
      if (!res.hit && enable_q[r]) begin
        if (((key ^ value_q[r]) & mask_q[r]) == '0) begin
          res.hit   = 1'b1;
          res.index = 6'(r);
          res.drop  = ctrl_q[r][CTRL_ACTION_LSB];
          res.queue_id = ctrl_q[r][CTRL_QUEUE_LSB +: CTRL_QUEUE_WIDTH];
        end
      end
    end
    return res;
  endfunction

  // A rule word as read back; hits_hi returns the shadow.
  function automatic logic [31:0] read_word(logic [5:0] rule, logic [5:0] offset);
    logic [RuleW-1:0] r;
    r = rule_idx(rule);
    if (!rule_exists(rule)) begin
      return '0;
    end
    case ({2'b00, offset})
      FREG_CTRL:      return 32'(ctrl_q[r]);
      FREG_SRC_ADDR0: return value_q[r][SRC_ADDR_LSB + 96 +: 32];
      FREG_SRC_ADDR1: return value_q[r][SRC_ADDR_LSB + 64 +: 32];
      FREG_SRC_ADDR2: return value_q[r][SRC_ADDR_LSB + 32 +: 32];
      FREG_SRC_ADDR3: return value_q[r][SRC_ADDR_LSB +: 32];
      FREG_DST_ADDR0: return value_q[r][DST_ADDR_LSB + 96 +: 32];
      FREG_DST_ADDR1: return value_q[r][DST_ADDR_LSB + 64 +: 32];
      FREG_DST_ADDR2: return value_q[r][DST_ADDR_LSB + 32 +: 32];
      FREG_DST_ADDR3: return value_q[r][DST_ADDR_LSB +: 32];
      FREG_PORTS:     return value_q[r][PORTS_LSB +: 32];
      FREG_HITS_LO:   return hits_q[r][31:0];
      FREG_HITS_HI:   return hits_shadow_q;
      default:        return '0;
    endcase
  endfunction

  // ---------------------------------------------------------------- rule storage
  // Written only in cycles with a register write to an existing rule.
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      enable_q <= '0;
      for (int unsigned r = 0; r < NumRules; r++) begin
        ctrl_q[r]  <= '0;
        value_q[r] <= '0;
        mask_q[r]  <= '0;
      end
    end else if (reg_we_i && rule_exists(reg_rule_i)) begin
      case ({2'b00, reg_offset_i})
        FREG_CTRL: begin
          enable_q[rule_idx(reg_rule_i)]                <= reg_wdata_i[CTRL_ENABLE_LSB];
          ctrl_q[rule_idx(reg_rule_i)]                  <= reg_wdata_i[CTRL_W-1:0] & CTRL_FIELDS;
          value_q[rule_idx(reg_rule_i)][PORTS_LSB-1:0]  <= rule_meta(reg_wdata_i);
          mask_q[rule_idx(reg_rule_i)]                  <= rule_mask(reg_wdata_i);
        end
        FREG_SRC_ADDR0: value_q[rule_idx(reg_rule_i)][SRC_ADDR_LSB + 96 +: 32] <= reg_wdata_i;
        FREG_SRC_ADDR1: value_q[rule_idx(reg_rule_i)][SRC_ADDR_LSB + 64 +: 32] <= reg_wdata_i;
        FREG_SRC_ADDR2: value_q[rule_idx(reg_rule_i)][SRC_ADDR_LSB + 32 +: 32] <= reg_wdata_i;
        FREG_SRC_ADDR3: value_q[rule_idx(reg_rule_i)][SRC_ADDR_LSB +: 32]      <= reg_wdata_i;
        FREG_DST_ADDR0: value_q[rule_idx(reg_rule_i)][DST_ADDR_LSB + 96 +: 32] <= reg_wdata_i;
        FREG_DST_ADDR1: value_q[rule_idx(reg_rule_i)][DST_ADDR_LSB + 64 +: 32] <= reg_wdata_i;
        FREG_DST_ADDR2: value_q[rule_idx(reg_rule_i)][DST_ADDR_LSB + 32 +: 32] <= reg_wdata_i;
        FREG_DST_ADDR3: value_q[rule_idx(reg_rule_i)][DST_ADDR_LSB +: 32]      <= reg_wdata_i;
        FREG_PORTS:     value_q[rule_idx(reg_rule_i)][PORTS_LSB +: 32]         <= reg_wdata_i;
        default: ;  // hits is read-only; unmapped offsets ignore writes
      endcase
    end
  end

  // ---------------------------------------------------------------- lookup
  // The compare runs only in cycles with a lookup of an IP frame while some rule is enabled.
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      result_valid_q        <= 1'b0;
      result_q              <= '0;
      lookup_ctrl_written_q <= 1'b0;
      lookup_ctrl_rule_q    <= '0;
    end else begin
      result_valid_q <= lookup_valid_i;
      if (lookup_valid_i) begin
        result_q <= (key_is_ip_i && (enable_q != '0))
                    ? lookup({key_src_addr_i, key_dst_addr_i, key_src_port_i, key_dst_port_i,
                              key_ipv6_i, key_l4_i, key_has_ports_i})
                    : '0;
        lookup_ctrl_written_q <= is_ctrl_write(reg_we_i, reg_rule_i, reg_offset_i);
        lookup_ctrl_rule_q    <= reg_rule_i;
      end
    end
  end

  // ---------------------------------------------------------------- hit counters
  // The registered winner counts, unless its ctrl was written since it was judged (in the
  // lookup's cycle or now). A ctrl write clears the counter (the later assignment wins).
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      for (int unsigned r = 0; r < NumRules; r++) begin
        hits_q[r] <= '0;
      end
    end else begin
      if (result_valid_q && result_q.hit &&
          !(lookup_ctrl_written_q && (lookup_ctrl_rule_q == result_q.index))) begin
        hits_q[rule_idx(result_q.index)] <= hits_q[rule_idx(result_q.index)] + 64'd1;
      end
      if (is_ctrl_write(reg_we_i, reg_rule_i, reg_offset_i)) begin
        hits_q[rule_idx(reg_rule_i)] <= '0;
      end
    end
  end

  // ---------------------------------------------------------------- register reads
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rdata_q       <= '0;
      hits_shadow_q <= '0;
    end else if (reg_re_i) begin
      rdata_q <= read_word(reg_rule_i, reg_offset_i);
      if (rule_exists(reg_rule_i) && ({2'b00, reg_offset_i} == FREG_HITS_LO)) begin
        hits_shadow_q <= hits_q[rule_idx(reg_rule_i)][63:32];
      end
    end
  end

  // ---------------------------------------------------------------- outputs
  assign reg_rdata_o    = rdata_q;
  assign result_valid_o = result_valid_q;
  assign hit_o          = result_q.hit;
  assign hit_index_o    = result_q.index;
  assign hit_drop_o     = result_q.drop;
  assign hit_queue_o    = result_q.queue_id;

endmodule

`default_nettype wire
