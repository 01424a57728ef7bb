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
// Timing: the result outputs are registers, valid exactly one cycle after lookup_valid_i. The winner's
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

module steering_filter_table #(
  // Number of rules implemented; legal 1..FILTER_COUNT (the map's 64).
  parameter int unsigned NumRules = nic_regmap_pkg::FILTER_COUNT
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
                                              // (the register itself, no per-cycle copy)

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
  if (NumRules < 1 || NumRules > nic_regmap_pkg::FILTER_COUNT) begin : gen_bad_num_rules
    $fatal(1, "%m: NumRules = %0d, legal range is 1..%0d", NumRules, nic_regmap_pkg::FILTER_COUNT);
  end

  // The value vector stores the address and port registers in register order (see KEY_W).
  if (nic_regmap_pkg::FREG_SRC_ADDR1 != nic_regmap_pkg::FREG_SRC_ADDR0 + 4 ||
      nic_regmap_pkg::FREG_SRC_ADDR2 != nic_regmap_pkg::FREG_SRC_ADDR0 + 8 ||
      nic_regmap_pkg::FREG_SRC_ADDR3 != nic_regmap_pkg::FREG_SRC_ADDR0 + 12 ||
      nic_regmap_pkg::FREG_DST_ADDR0 != nic_regmap_pkg::FREG_SRC_ADDR0 + 16 ||
      nic_regmap_pkg::FREG_DST_ADDR1 != nic_regmap_pkg::FREG_SRC_ADDR0 + 20 ||
      nic_regmap_pkg::FREG_DST_ADDR2 != nic_regmap_pkg::FREG_SRC_ADDR0 + 24 ||
      nic_regmap_pkg::FREG_DST_ADDR3 != nic_regmap_pkg::FREG_SRC_ADDR0 + 28 ||
      nic_regmap_pkg::FREG_PORTS != nic_regmap_pkg::FREG_SRC_ADDR0 + 32)
  begin : gen_bad_filter_layout
    $fatal(1, "%m: the filter registers src_addr0..3, dst_addr0..3, ports must be consecutive");
  end

  // ---------------------------------------------------------------- constants
  // Index width into the rule arrays (at least 1 bit for a single rule); indices are taken
  // only after checking that the rule exists.
  localparam int unsigned RuleW = (NumRules > 1) ? $clog2(NumRules) : 1;

  // Packed match key, most significant first: family (1 = IPv6), L4 kind, "has ports", source
  // address, destination address, source port, destination port. Below the four key-kind bits
  // the layout is the rule's address and port registers in reverse register order, each on a
  // 32-bit boundary, so one register write is one word of the value vector.
  // Bits: 291:288 {ipv6, l4[1:0], has_ports}, 287:160 source address, 159:32 destination
  // address, 31:0 {src_port, dst_port} (the ports register).
  localparam int unsigned KEY_W    = 4 + 128 + 128 + 32;
  localparam int unsigned META_LSB = 288;
  // Word indices (byte offset / 4) of the first and last address/port register; register word
  // w sits at bits (LAST_WORD - w) * 32 +: 32 of the value vector.
  localparam logic [3:0] FIRST_WORD = nic_regmap_pkg::FREG_SRC_ADDR0[5:2];
  localparam logic [3:0] LAST_WORD  = nic_regmap_pkg::FREG_PORTS[5:2];

  // The ctrl bits that exist (the rest read 0).
  localparam int unsigned CTRL_W = 16;
  localparam logic [CTRL_W-1:0] CTRL_FIELDS =
      CTRL_W'(((1 << nic_regmap_pkg::CTRL_ENABLE_WIDTH) - 1)   << nic_regmap_pkg::CTRL_ENABLE_LSB)   |
      CTRL_W'(((1 << nic_regmap_pkg::CTRL_FAMILY_WIDTH) - 1)   << nic_regmap_pkg::CTRL_FAMILY_LSB)   |
      CTRL_W'(((1 << nic_regmap_pkg::CTRL_PROTOCOL_WIDTH) - 1) << nic_regmap_pkg::CTRL_PROTOCOL_LSB) |
      CTRL_W'(((1 << nic_regmap_pkg::CTRL_WILDCARD_WIDTH) - 1) << nic_regmap_pkg::CTRL_WILDCARD_LSB) |
      CTRL_W'(((1 << nic_regmap_pkg::CTRL_ACTION_WIDTH) - 1)   << nic_regmap_pkg::CTRL_ACTION_LSB)   |
      CTRL_W'(((1 << nic_regmap_pkg::CTRL_QUEUE_WIDTH) - 1)    << nic_regmap_pkg::CTRL_QUEUE_LSB);

  localparam logic [1:0] PROTOCOL_TCP = 2'd1;
  localparam logic [1:0] PROTOCOL_UDP = 2'd2;

  // ctrl.wildcard bits (set = don't care) and the compared address bits of each family.
  localparam int unsigned WC_SRC_ADDR_BIT = nic_regmap_pkg::CTRL_WILDCARD_LSB + 0;
  localparam int unsigned WC_DST_ADDR_BIT = nic_regmap_pkg::CTRL_WILDCARD_LSB + 1;
  localparam int unsigned WC_SRC_PORT_BIT = nic_regmap_pkg::CTRL_WILDCARD_LSB + 2;
  localparam int unsigned WC_DST_PORT_BIT = nic_regmap_pkg::CTRL_WILDCARD_LSB + 3;
  localparam logic [127:0] ADDR_MASK_IPV6 = {128{1'b1}};
  localparam logic [127:0] ADDR_MASK_IPV4 = {{32{1'b1}}, 96'h0};

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
  logic                result_valid_q;
  result_t             result_q;
  // A ctrl write in the lookup's own cycle, and its rule: that lookup used the old rule.
  logic                lookup_ctrl_written_q;
  logic [5:0]          lookup_ctrl_rule_q;

  // ---------------------------------------------------------------- register-port decode
  // Decoded inside the sequential blocks, under reg_we_i / reg_re_i / lookup_valid_i, never as
  // logic off the inputs (Verilator would evaluate it on every eval). Plain expressions, not
  // functions: Verilator 5.006 hoists the locals of every inlined call into the clocked process
  // and zeroes them every cycle. The expressions:
  //   rule exists:        {1'b0, reg_rule_i} < 7'(NumRules)
  //   address/port word:  offset word-aligned, word index FIRST_WORD..LAST_WORD; its bits in the
  //                       value vector are {LAST_WORD - word, 5'b0} +: 32 (one write site for
  //                       all nine registers: every NBA site into the rule arrays costs a few
  //                       stores per cycle in Verilator).

  // ---------------------------------------------------------------- lookup function
  // The winning (lowest-index) enabled rule for a key, with its action and queue.
  function automatic result_t lookup(logic [KEY_W-1:0] key);
    result_t res;
    res = '0;
    for (int unsigned r = 0; r < NumRules; r++) begin
      if (!res.hit && enable_q[r]) begin
        if (((key ^ value_q[r]) & mask_q[r]) == '0) begin
          res.hit      = 1'b1;
          res.index    = 6'(r);
          res.drop     = ctrl_q[r][nic_regmap_pkg::CTRL_ACTION_LSB];
          res.queue_id = ctrl_q[r][nic_regmap_pkg::CTRL_QUEUE_LSB +: nic_regmap_pkg::CTRL_QUEUE_WIDTH];
        end
      end
    end
    lookup = res;
  endfunction

  // ---------------------------------------------------------------- rule storage
  // Written only in cycles with a register write to an existing rule. A ctrl write sets the
  // rule's compare mask and the value bits below the ports: the family is always compared; an
  // IPv4 rule compares address bits 127:96 only; protocol 1/2 compares the L4 kind (0 and 3
  // mean any); a compared port requires a frame with ports.
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      enable_q <= '0;
      for (int unsigned r = 0; r < NumRules; r++) begin
        ctrl_q[r]  <= '0;
        value_q[r] <= '0;
        mask_q[r]  <= '0;
      end
    end else if (reg_we_i && ({1'b0, reg_rule_i} < 7'(NumRules))) begin
      if ((reg_offset_i[1:0] == 2'b00) && (reg_offset_i[5:2] >= FIRST_WORD) &&
          (reg_offset_i[5:2] <= LAST_WORD)) begin
        value_q[reg_rule_i[RuleW-1:0]][{LAST_WORD - reg_offset_i[5:2], 5'b00000} +: 32] <= reg_wdata_i;
      end
      case ({2'b00, reg_offset_i})
        nic_regmap_pkg::FREG_CTRL: begin
          enable_q[reg_rule_i[RuleW-1:0]] <= reg_wdata_i[nic_regmap_pkg::CTRL_ENABLE_LSB];
          ctrl_q[reg_rule_i[RuleW-1:0]]   <= reg_wdata_i[CTRL_W-1:0] & CTRL_FIELDS;
          value_q[reg_rule_i[RuleW-1:0]][META_LSB +: 4] <=
              {reg_wdata_i[nic_regmap_pkg::CTRL_FAMILY_LSB], reg_wdata_i[nic_regmap_pkg::CTRL_PROTOCOL_LSB +: 2], 1'b1};
          mask_q[reg_rule_i[RuleW-1:0]] <= {
              1'b1,
              {2{(reg_wdata_i[nic_regmap_pkg::CTRL_PROTOCOL_LSB +: 2] == PROTOCOL_TCP) ||
                 (reg_wdata_i[nic_regmap_pkg::CTRL_PROTOCOL_LSB +: 2] == PROTOCOL_UDP)}},
              !(reg_wdata_i[WC_SRC_PORT_BIT] && reg_wdata_i[WC_DST_PORT_BIT]),
              reg_wdata_i[WC_SRC_ADDR_BIT] ? 128'h0 :
                  (reg_wdata_i[nic_regmap_pkg::CTRL_FAMILY_LSB] ? ADDR_MASK_IPV6 : ADDR_MASK_IPV4),
              reg_wdata_i[WC_DST_ADDR_BIT] ? 128'h0 :
                  (reg_wdata_i[nic_regmap_pkg::CTRL_FAMILY_LSB] ? ADDR_MASK_IPV6 : ADDR_MASK_IPV4),
              {16{!reg_wdata_i[WC_SRC_PORT_BIT]}},
              {16{!reg_wdata_i[WC_DST_PORT_BIT]}}};
        end
        default: ;  // addresses and ports above; hits is read-only; the rest is unmapped
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
                    ? lookup({key_ipv6_i, key_l4_i, key_has_ports_i, key_src_addr_i,
                              key_dst_addr_i, key_src_port_i, key_dst_port_i})
                    : '0;
        lookup_ctrl_written_q <= reg_we_i && ({1'b0, reg_rule_i} < 7'(NumRules)) &&
                                 ({2'b00, reg_offset_i} == nic_regmap_pkg::FREG_CTRL);
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
      if (result_valid_q) begin
        if (result_q.hit && !(lookup_ctrl_written_q && (lookup_ctrl_rule_q == result_q.index)))
        begin
          hits_q[result_q.index[RuleW-1:0]] <= hits_q[result_q.index[RuleW-1:0]] + 64'd1;
        end
      end
      if (reg_we_i && ({1'b0, reg_rule_i} < 7'(NumRules)) && ({2'b00, reg_offset_i} == nic_regmap_pkg::FREG_CTRL)) begin
        hits_q[reg_rule_i[RuleW-1:0]] <= '0;
      end
    end
  end

  // ---------------------------------------------------------------- register reads
  // Reading hits_lo snapshots the upper half into the shadow that hits_hi returns.
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      reg_rdata_o       <= '0;
      hits_shadow_q <= '0;
    end else if (reg_re_i) begin
      reg_rdata_o <= '0;
      if (({1'b0, reg_rule_i} < 7'(NumRules)) && ((reg_offset_i[1:0] == 2'b00) && (reg_offset_i[5:2] >= FIRST_WORD) &&
                (reg_offset_i[5:2] <= LAST_WORD))) begin
        reg_rdata_o <= value_q[reg_rule_i[RuleW-1:0]][{LAST_WORD - reg_offset_i[5:2], 5'b00000} +: 32];
      end else if ({1'b0, reg_rule_i} < 7'(NumRules)) begin
        case ({2'b00, reg_offset_i})
          nic_regmap_pkg::FREG_CTRL:      reg_rdata_o <= 32'(ctrl_q[reg_rule_i[RuleW-1:0]]);
          nic_regmap_pkg::FREG_HITS_LO: begin
            reg_rdata_o       <= hits_q[reg_rule_i[RuleW-1:0]][31:0];
            hits_shadow_q <= hits_q[reg_rule_i[RuleW-1:0]][63:32];
          end
          nic_regmap_pkg::FREG_HITS_HI:   reg_rdata_o <= hits_shadow_q;
          default: ;
        endcase
      end
    end
  end

  // ---------------------------------------------------------------- outputs
  assign result_valid_o = result_valid_q;
  assign hit_o          = result_q.hit;
  assign hit_index_o    = result_q.index;
  assign hit_drop_o     = result_q.drop;
  assign hit_queue_o    = result_q.queue_id;

endmodule

`default_nettype wire
