// Copyright nicsim contributors. SPDX-License-Identifier: Apache-2.0
//
// Receive frame parser: captures the first 11 beats and the length of every frame the MAC
// delivers, and parses them in the cycle after the frame's last beat. The rules are those of the
// reference model (model/frame_parser.hpp), which is the specification:
//   - Ethernet II with at most one 802.1Q tag (TPID 0x8100); every other EtherType is not IP.
//   - IPv4 with options (IHL 5..15); fragments (MF or offset != 0) carry no ports and no L4.
//   - IPv6 fixed header only: a next header other than TCP/UDP gives addresses without ports.
//   - TCP and UDP: the two ports.
// Malformed frames are checked in the model's order and the first failing check is the reason
// (codes of model::MalformedReason, 1..12):
//    1 len < 14                          truncated_ethernet
//    2 TPID 0x8100 and len < 18          truncated_vlan
//   IPv4, avail = bytes from the IP header to the frame's end:
//    3 avail < 20                        truncated_ipv4
//    4 version != 4                      ipv4_bad_version
//    5 IHL < 5                           ipv4_bad_ihl
//    3 avail < IHL * 4                   truncated_ipv4
//    6 total length > avail              ipv4_total_length_exceeds_frame
//    7 total length < IHL * 4            ipv4_total_length_below_header
//   11/12 not a fragment, TCP (UDP), total length - IHL * 4 < 20 (8)   truncated_tcp (_udp)
//   IPv6:
//    8 avail < 40                        truncated_ipv6
//    9 version != 6                      ipv6_bad_version
//   10 40 + payload length > avail       ipv6_payload_length_exceeds_frame
//   11/12 next header TCP (UDP), payload length < 20 (8)               truncated_tcp (_udp)
// A malformed frame is treated as non-IP (the model's RULE): no addresses, no ports, RSS type
// none, and it matches no steering filter.
//
// Outputs, registered, valid for the one cycle valid_o is high: the malformed reason, the RSS
// type after the per-type enables (rss.hpp: a disabled 4-tuple type falls back to the address
// type, a disabled address type to none), the Toeplitz input and the steering filter key.
//
// Capture: beats with tkeep == 0 store nothing (as in rx_frame_buffer), so word k of the header
// is the k-th beat that carried bytes; the length is the sum of the tkeep bits, saturating at
// 0xFFFF. Bytes beyond the frame's length are left over from earlier frames; the checks above
// never let them reach an output. One frame per cycle: the next frame may start in the cycle
// after a last beat, because the parse reads the header registers before that beat lands.
//
// Simulation speed: the capture writes one word per beat; the parse is one function, not
// inlined, called only in the cycle after a frame's last beat, so idle cycles and mid-frame
// beats cost a few tests and the per-cycle code stays small.

`default_nettype none

module rx_parser (
  input  wire logic         clk_i,
  input  wire logic         rst_ni,

  // Accepted MAC beats.
  input  wire logic         beat_valid_i,
  input  wire logic [63:0]  beat_data_i,
  input  wire logic [7:0]   beat_keep_i,
  input  wire logic         beat_last_i,

  // rss_ctrl enable bits (RSS_CTRL_* positions).
  input  wire logic [5:0]   rss_enable_i,

  // Parse result of the frame whose last beat came two cycles earlier.
  output logic              valid_o,
  output logic [3:0]        malformed_o,     // model::MalformedReason code, 0 none
  output logic [2:0]        rss_type_o,      // RX write-back rss_type code
  output logic [287:0]      rss_input_o,     // Toeplitz input, first byte in 287:280, zero-padded
  output logic              key_is_ip_o,
  output logic              key_ipv6_o,
  output logic [1:0]        key_l4_o,        // 0 none, 1 TCP, 2 UDP
  output logic              key_has_ports_o,
  output logic [127:0]      key_src_addr_o,  // network order, byte 0 in 127:120; IPv4 in 127:96
  output logic [127:0]      key_dst_addr_o,
  output logic [15:0]       key_src_port_o,  // 0 without ports
  output logic [15:0]       key_dst_port_o
);


  // model::MalformedReason codes.
  localparam logic [3:0] MAL_TRUNCATED_ETHERNET = 4'd1;
  localparam logic [3:0] MAL_TRUNCATED_VLAN     = 4'd2;
  localparam logic [3:0] MAL_TRUNCATED_IPV4     = 4'd3;
  localparam logic [3:0] MAL_IPV4_BAD_VERSION   = 4'd4;
  localparam logic [3:0] MAL_IPV4_BAD_IHL       = 4'd5;
  localparam logic [3:0] MAL_IPV4_LEN_EXCEEDS   = 4'd6;
  localparam logic [3:0] MAL_IPV4_LEN_BELOW_HDR = 4'd7;
  localparam logic [3:0] MAL_TRUNCATED_IPV6     = 4'd8;
  localparam logic [3:0] MAL_IPV6_BAD_VERSION   = 4'd9;
  localparam logic [3:0] MAL_IPV6_LEN_EXCEEDS   = 4'd10;
  localparam logic [3:0] MAL_TRUNCATED_TCP      = 4'd11;
  localparam logic [3:0] MAL_TRUNCATED_UDP      = 4'd12;

  // RX write-back rss_type codes (regmap.toml rx_wb.rss_type, model::RssType).
  localparam logic [2:0] RSS_NONE     = 3'd0;
  localparam logic [2:0] RSS_IPV4     = 3'd1;
  localparam logic [2:0] RSS_IPV4_TCP = 3'd2;
  localparam logic [2:0] RSS_IPV4_UDP = 3'd3;
  localparam logic [2:0] RSS_IPV6     = 3'd4;
  localparam logic [2:0] RSS_IPV6_TCP = 3'd5;
  localparam logic [2:0] RSS_IPV6_UDP = 3'd6;

  localparam logic [15:0] ETHERTYPE_IPV4 = 16'h0800;
  localparam logic [15:0] ETHERTYPE_IPV6 = 16'h86DD;
  localparam logic [15:0] ETHERTYPE_VLAN = 16'h8100;
  localparam logic [7:0]  PROTO_TCP      = 8'd6;
  localparam logic [7:0]  PROTO_UDP      = 8'd17;
  localparam logic [1:0]  L4_NONE        = 2'd0;
  localparam logic [1:0]  L4_TCP         = 2'd1;
  localparam logic [1:0]  L4_UDP         = 2'd2;

  // Header words (8 bytes each) captured per frame: 11 cover VLAN (18) + IPv4 with the longest
  // options (60) + the two ports (4) = 82 bytes.
  localparam int unsigned HdrWords = 11;
  localparam int unsigned IdxW     = $clog2(HdrWords + 1);

  localparam int unsigned HdrBits = HdrWords * 64;
  // The IP header and what follows, from the L3 offset (14 or 18): the longest IPv4 header (60)
  // and the ports (4) fit.
  localparam int unsigned WinBytes = 64;
  // Header bits the parse reads: bytes 12 (EtherType / TPID) to 18 + WinBytes - 1.
  localparam int unsigned ParseLo  = 12 * 8;
  localparam int unsigned ParseHi  = (18 + WinBytes) * 8 - 1;

  // ------------------------------------------------------------------ capture
  logic [HdrBits-1:0] hdr_q;       // byte k in bits 8k+7:8k (byte 0 first on the wire)
  logic [IdxW-1:0]    word_idx_q;  // header words captured so far (saturates at HdrWords)
  logic [15:0]        len_q;       // bytes so far; the frame's length once end_q is set
  logic               in_frame_q;  // a frame has started and not ended
  logic               end_q;       // the frame in hdr_q / len_q ended with the previous beat

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      word_idx_q <= '0;
      len_q      <= '0;
      in_frame_q <= 1'b0;
      end_q      <= 1'b0;
    end else begin
      end_q <= beat_valid_i && beat_last_i;
      if (beat_valid_i) begin
        in_frame_q <= !beat_last_i;
        len_q      <= add_len(in_frame_q ? len_q : 16'd0, beat_keep_i);
        if (beat_keep_i != 8'd0) begin
          if (!in_frame_q) begin
            hdr_q[63:0] <= beat_data_i;
            word_idx_q  <= IdxW'(1);
          end else if (32'(word_idx_q) < HdrWords) begin
            hdr_q[64 * word_idx_q +: 64] <= beat_data_i;
            word_idx_q                   <= word_idx_q + 1'b1;
          end
        end else if (!in_frame_q) begin
          word_idx_q <= '0;
        end
      end
    end
  end

  // Length after a beat, saturating (frames are at most 9018 bytes; longer input is a MAC bug).
  function automatic logic [15:0] add_len(logic [15:0] len, logic [7:0] keep);
    logic [16:0] sum;
    sum = {1'b0, len} + 17'($countones(keep));
    add_len = sum[16] ? 16'hFFFF : sum[15:0];
  endfunction

  // ------------------------------------------------------------------ parse
  typedef struct packed {
    logic [3:0]   malformed;
    logic [2:0]   rss_type;
    logic         is_ip;
    logic         ipv6;
    logic [1:0]   l4;
    logic [127:0] src_addr;
    logic [127:0] dst_addr;
    logic [15:0]  src_port;
    logic [15:0]  dst_port;
    logic [287:0] rss_input;
  } parse_t;

  // The parse functions are pure (they see only their arguments) and not inlined: Verilator
  // makes each a C++ function called only in a cycle after a frame's end, which keeps their
  // code out of the model's per-cycle path (and out of the instruction cache).

  // Big-endian 16-bit field at byte k of a little-endian byte vector.
  function automatic logic [15:0] be16(logic [WinBytes*8-1:0] w, int unsigned k);
    be16 = {w[8 * k +: 8], w[8 * (k + 1) +: 8]};
  endfunction

  // Sixteen bytes from byte k, network order (byte k in 127:120).
  function automatic logic [127:0] addr16(logic [WinBytes*8-1:0] w, int unsigned k);
    logic [127:0] a;
    for (int unsigned i = 0; i < 16; i++) begin
      a[127 - 8 * i -: 8] = w[8 * (k + i) +: 8];
    end
    addr16 = a;
  endfunction

  // Toeplitz input of a parsed frame: source address, destination address, then the ports for
  // the 4-tuple types; nothing (hash 0) for type none. Trailing zero bytes do not change a
  // Toeplitz hash, so IPv4 inputs are simply left-aligned.
  function automatic logic [287:0] rss_input(logic [2:0] rss_type, logic [127:0] src_addr,
                                             logic [127:0] dst_addr, logic [15:0] src_port,
                                             logic [15:0] dst_port);
    logic [31:0] ports;
    ports = (rss_type == RSS_IPV4_TCP || rss_type == RSS_IPV4_UDP ||
             rss_type == RSS_IPV6_TCP || rss_type == RSS_IPV6_UDP) ? {src_port, dst_port} : '0;
    case (rss_type)
      RSS_NONE:
        rss_input = '0;
      RSS_IPV4, RSS_IPV4_TCP, RSS_IPV4_UDP:
        rss_input = {src_addr[127:96], dst_addr[127:96], ports, 192'd0};
      default:
        rss_input = {src_addr, dst_addr, ports};
    endcase
  endfunction

  // The model's parse_frame and Rss::select_type for a captured frame of `len` bytes; `hdr`
  // holds header bytes 12..81 (byte k in bits 8k+7:8k), all the parse reads. (A task with an
  // output argument: Verilator does not return wide values from functions it keeps apart.)
  task automatic parse(input logic [ParseHi:ParseLo] hdr, input logic [15:0] len,
                       input logic [5:0] en, output parse_t r);
    /*verilator no_inline_task*/
    logic                 vlan, frag;
    logic [15:0]          ethertype, avail, ip_len, hdr_len;
    logic [7:0]           proto, ver_ihl;
    logic [WinBytes*8-1:0] w;  // bytes from the L3 offset on
    logic [31:0]          ports;

    r         = '0;
    vlan      = {hdr[12 * 8 +: 8], hdr[13 * 8 +: 8]} == ETHERTYPE_VLAN;
    ethertype = vlan ? {hdr[16 * 8 +: 8], hdr[17 * 8 +: 8]} : {hdr[12 * 8 +: 8], hdr[13 * 8 +: 8]};
    w         = vlan ? hdr[18 * 8 +: WinBytes * 8] : hdr[14 * 8 +: WinBytes * 8];
    avail     = len - (vlan ? 16'd18 : 16'd14);  // used only once len covers the L3 offset
    ver_ihl   = w[7:0];
    ip_len    = '0;
    hdr_len   = '0;
    proto     = '0;
    frag      = 1'b0;
    ports     = '0;

    if (len < 16'd14) begin
      r.malformed = MAL_TRUNCATED_ETHERNET;
    end else if (vlan && len < 16'd18) begin
      r.malformed = MAL_TRUNCATED_VLAN;
    end else if (ethertype == ETHERTYPE_IPV4) begin
      hdr_len = {10'd0, ver_ihl[3:0], 2'b00};
      ip_len  = be16(w, 2);
      proto   = w[9 * 8 +: 8];
      frag    = (be16(w, 6) & 16'h3FFF) != 16'd0;  // MF or a fragment offset
      ports   = w[8 * hdr_len[5:0] +: 32];          // IHL * 4 <= 60: inside the window
      if (avail < 16'd20) begin
        r.malformed = MAL_TRUNCATED_IPV4;
      end else if (ver_ihl[7:4] != 4'd4) begin
        r.malformed = MAL_IPV4_BAD_VERSION;
      end else if (hdr_len < 16'd20) begin
        r.malformed = MAL_IPV4_BAD_IHL;
      end else if (avail < hdr_len) begin
        r.malformed = MAL_TRUNCATED_IPV4;
      end else if (ip_len > avail) begin
        r.malformed = MAL_IPV4_LEN_EXCEEDS;
      end else if (ip_len < hdr_len) begin
        r.malformed = MAL_IPV4_LEN_BELOW_HDR;
      end else if (!frag && proto == PROTO_TCP && ip_len - hdr_len < 16'd20) begin
        r.malformed = MAL_TRUNCATED_TCP;
      end else if (!frag && proto == PROTO_UDP && ip_len - hdr_len < 16'd8) begin
        r.malformed = MAL_TRUNCATED_UDP;
      end else begin
        r.is_ip            = 1'b1;
        r.src_addr[127:96] = {w[12 * 8 +: 8], w[13 * 8 +: 8], w[14 * 8 +: 8], w[15 * 8 +: 8]};
        r.dst_addr[127:96] = {w[16 * 8 +: 8], w[17 * 8 +: 8], w[18 * 8 +: 8], w[19 * 8 +: 8]};
        if (!frag && proto == PROTO_TCP) begin
          r.l4 = L4_TCP;
        end else if (!frag && proto == PROTO_UDP) begin
          r.l4 = L4_UDP;
        end
      end
    end else if (ethertype == ETHERTYPE_IPV6) begin
      ip_len = be16(w, 4);  // payload length
      proto  = w[6 * 8 +: 8];
      ports  = w[40 * 8 +: 32];
      if (avail < 16'd40) begin
        r.malformed = MAL_TRUNCATED_IPV6;
      end else if (ver_ihl[7:4] != 4'd6) begin
        r.malformed = MAL_IPV6_BAD_VERSION;
      end else if (17'(ip_len) + 17'd40 > 17'(avail)) begin
        r.malformed = MAL_IPV6_LEN_EXCEEDS;
      end else if (proto == PROTO_TCP && ip_len < 16'd20) begin
        r.malformed = MAL_TRUNCATED_TCP;
      end else if (proto == PROTO_UDP && ip_len < 16'd8) begin
        r.malformed = MAL_TRUNCATED_UDP;
      end else begin
        r.is_ip    = 1'b1;
        r.ipv6     = 1'b1;
        r.src_addr = addr16(w, 8);
        r.dst_addr = addr16(w, 24);
        if (proto == PROTO_TCP) begin
          r.l4 = L4_TCP;
        end else if (proto == PROTO_UDP) begin
          r.l4 = L4_UDP;
        end
      end
    end

    // The ports: bytes 0..1 source, 2..3 destination, each big-endian.
    if (r.l4 != L4_NONE) begin
      r.src_port = {ports[7:0], ports[15:8]};
      r.dst_port = {ports[23:16], ports[31:24]};
    end

    // RSS type (rss.hpp): the 4-tuple type if enabled, else the address type if enabled.
    if (r.is_ip && !r.ipv6) begin
      if (r.l4 == L4_TCP && en[nic_regmap_pkg::RSS_CTRL_IPV4_TCP_LSB]) begin
        r.rss_type = RSS_IPV4_TCP;
      end else if (r.l4 == L4_UDP && en[nic_regmap_pkg::RSS_CTRL_IPV4_UDP_LSB]) begin
        r.rss_type = RSS_IPV4_UDP;
      end else if (en[nic_regmap_pkg::RSS_CTRL_IPV4_LSB]) begin
        r.rss_type = RSS_IPV4;
      end
    end else if (r.is_ip) begin
      if (r.l4 == L4_TCP && en[nic_regmap_pkg::RSS_CTRL_IPV6_TCP_LSB]) begin
        r.rss_type = RSS_IPV6_TCP;
      end else if (r.l4 == L4_UDP && en[nic_regmap_pkg::RSS_CTRL_IPV6_UDP_LSB]) begin
        r.rss_type = RSS_IPV6_UDP;
      end else if (en[nic_regmap_pkg::RSS_CTRL_IPV6_LSB]) begin
        r.rss_type = RSS_IPV6;
      end
    end
    r.rss_input = rss_input(r.rss_type, r.src_addr, r.dst_addr, r.src_port, r.dst_port);
  endtask

  parse_t res_q;
  parse_t parsed;  // the parse task's output, registered into res_q at once
  logic   valid_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      valid_q <= 1'b0;
      res_q   <= '0;
    end else begin
      valid_q <= end_q;
      if (end_q) begin
        parse(hdr_q[ParseHi:ParseLo], len_q, rss_enable_i, parsed);
        res_q <= parsed;
      end
    end
  end

  // The MAC addresses (bytes 0..11) and the tail of the last word are captured but not parsed.
  logic unused_hdr;
  assign unused_hdr = ^{hdr_q[HdrBits-1:ParseHi+1], hdr_q[ParseLo-1:0]};

  assign valid_o         = valid_q;
  assign malformed_o     = res_q.malformed;
  assign rss_type_o      = res_q.rss_type;
  assign rss_input_o     = res_q.rss_input;
  assign key_is_ip_o     = res_q.is_ip;
  assign key_ipv6_o      = res_q.ipv6;
  assign key_l4_o        = res_q.l4;
  assign key_has_ports_o = res_q.l4 != L4_NONE;
  assign key_src_addr_o  = res_q.src_addr;
  assign key_dst_addr_o  = res_q.dst_addr;
  assign key_src_port_o  = res_q.src_port;
  assign key_dst_port_o  = res_q.dst_port;

endmodule

`default_nettype wire
