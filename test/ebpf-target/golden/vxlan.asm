; examples/vxlan/vxlan.pnet: XDP program 'pnet_xdp' (section xdp), 1288 instructions
; maps: scratch, ports, ifports, t0, t1, t2, defaults
mov %r6, %r1
stw [%r10-8], 0
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L1284
mov %r9, %r0
stw [%r10-8], 0
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L1284
stxdw [%r10-328], %r0
stdw [%r9+8], 0
stdw [%r9+16], 0
stdw [%r9+24], 0
stdw [%r9+80], 0
stdw [%r9+88], 0
stdw [%r9+96], 0
stdw [%r9+104], 0
stdw [%r9+112], 0
stdw [%r9+120], 0
stdw [%r9+128], 0
stdw [%r9+136], 0
stdw [%r9+144], 0
stdw [%r9+152], 0
stdw [%r9+160], 0
stdw [%r9+168], 0
stdw [%r9+176], 0
stdw [%r9+184], 0
stdw [%r9+192], 0
stdw [%r9+200], 0
stdw [%r9+208], 0
stdw [%r9+216], 0
stdw [%r9+224], 0
stdw [%r9+232], 0
stdw [%r9+240], 0
stdw [%r9+248], 0
stdw [%r9+256], 0
stdw [%r9+264], 0
stdw [%r9+272], 0
stdw [%r9+280], 0
stdw [%r9+288], 0
stdw [%r9+296], 0
stdw [%r9+304], 0
stdw [%r9+312], 0
stdw [%r9+320], 0
stdw [%r9+328], 0
stdw [%r9+336], 0
stdw [%r9+344], 0
stdw [%r9+352], 0
stdw [%r9+360], 0
stdw [%r9+368], 0
stdw [%r9+376], 0
stdw [%r9+384], 0
stdw [%r9+392], 0
stdw [%r9+400], 0
stdw [%r9+424], 0
stdw [%r9+432], 0
ldxw %r1, [%r6]
ldxw %r2, [%r6+4]
sub %r2, %r1
stxdw [%r9+32], %r2
ldxw %r1, [%r6+8]
ldxw %r2, [%r6]
jge %r1, %r2, L78
mov %r3, %r1
add %r3, 32
jgt %r3, %r2, L78
ldxw %r3, [%r1]
jne %r3, 0x74656e70, L78
ldxw %r3, [%r1+4]
stxdw [%r9+40], %r3
ja L90
L78:
ldxw %r3, [%r6+12]
stxw [%r10-8], %r3
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L1286
ldxw %r3, [%r0+4]
jeq %r3, 0, L1286
ldxw %r3, [%r0]
stxdw [%r9+40], %r3
L90:
mov %r8, 0
ldxw %r7, [%r6]
mov %r0, %r7
add %r0, 14
ldxw %r1, [%r6+4]
jgt %r0, %r1, L210
ldxdw %r1, [%r7]
be64 %r1
rsh %r1, 16
stxdw [%r9+440], %r1
ldxdw %r1, [%r7+6]
be64 %r1
rsh %r1, 16
stxdw [%r9+448], %r1
ldxh %r1, [%r7+12]
be16 %r1
stxdw [%r9+456], %r1
add %r7, 14
mov %r8, 14
stxdw [%r9+464], %r8
stb [%r9+86], 1
jne %r1, 2048, L211
mov %r1, %r7
add %r1, 20
ldxw %r0, [%r6+4]
jgt %r1, %r0, L210
ldxb %r0, [%r7]
rsh %r0, 4
stxdw [%r9+288], %r0
ldxb %r0, [%r7]
and %r0, 15
stxdw [%r9+296], %r0
ldxb %r0, [%r7+1]
rsh %r0, 2
stxdw [%r9+304], %r0
ldxb %r0, [%r7+1]
and %r0, 3
stxdw [%r9+312], %r0
ldxh %r0, [%r7+2]
be16 %r0
stxdw [%r9+320], %r0
ldxh %r0, [%r7+4]
be16 %r0
stxdw [%r9+328], %r0
ldxb %r0, [%r7+6]
rsh %r0, 5
stxdw [%r9+336], %r0
ldxh %r0, [%r7+6]
be16 %r0
and %r0, 8191
stxdw [%r9+344], %r0
ldxb %r0, [%r7+8]
stxdw [%r9+352], %r0
ldxb %r0, [%r7+9]
stxdw [%r9+360], %r0
ldxh %r0, [%r7+10]
be16 %r0
stxdw [%r9+368], %r0
ldxw %r0, [%r7+12]
be32 %r0
stxdw [%r9+376], %r0
ldxw %r0, [%r7+16]
be32 %r0
stxdw [%r9+384], %r0
add %r7, 20
mov %r8, 34
stxdw [%r9+392], %r8
stb [%r9+84], 1
ldxdw %r0, [%r9+296]
ldxdw %r1, [%r9+360]
ldxdw %r2, [%r9+344]
jne %r0, 5, L211
jne %r1, 17, L211
jne %r2, 0, L211
mov %r2, %r7
add %r2, 8
ldxw %r1, [%r6+4]
jgt %r2, %r1, L210
ldxh %r1, [%r7]
be16 %r1
stxdw [%r9+472], %r1
ldxh %r1, [%r7+2]
be16 %r1
stxdw [%r9+480], %r1
ldxh %r1, [%r7+4]
be16 %r1
stxdw [%r9+488], %r1
ldxh %r1, [%r7+6]
be16 %r1
stxdw [%r9+496], %r1
add %r7, 8
mov %r8, 42
stxdw [%r9+504], %r8
stb [%r9+87], 1
ldxdw %r1, [%r9+480]
jne %r1, 4789, L211
mov %r1, %r7
add %r1, 8
ldxw %r2, [%r6+4]
jgt %r1, %r2, L210
ldxb %r2, [%r7]
stxdw [%r9+512], %r2
ldxw %r2, [%r7+4]
be32 %r2
rsh %r2, 8
stxdw [%r9+528], %r2
add %r7, 8
mov %r8, 50
stb [%r9+88], 1
mov %r2, %r7
add %r2, 14
ldxw %r1, [%r6+4]
jgt %r2, %r1, L210
ldxdw %r1, [%r7]
be64 %r1
rsh %r1, 16
stxdw [%r9+400], %r1
mov %r8, 64
stb [%r9+85], 1
ja L211
L210:
stdw [%r9+8], 1
L211:
stxdw [%r9], %r8
mov %r8, 0
mov %r7, 0
ldxdw %r1, [%r9+8]
jne %r1, 0, L995
mov %r1, %r3
jne %r1, 3, L280
ldxb %r1, [%r9+88]
jeq %r1, 0, L223
ldxdw %r1, [%r9+384]
mov32 %r2, 0xc0000201
jeq %r1, %r2, L225
L223:
stdw [%r9+16], 2
ja L995
L225:
ldxdw %r1, [%r9+512]
and %r1, 8
jeq %r1, 0, L995
ldxdw %r1, [%r9+528]
stxdw [%r9+1640], %r1
ldxdw %r1, [%r9+400]
stxdw [%r9+1648], %r1
ldxdw %r1, [%r9+1640]
stxdw [%r9+1656], %r1
ldxdw %r1, [%r9+1648]
stxdw [%r9+1664], %r1
lddw %r1, 0x0
mov %r2, %r9
add %r2, 1656
call 1
mov %r7, %r0
jne %r0, 0, L245
ldxdw %r7, [%r10-328]
add %r7, 48
L245:
ldxw %r1, [%r7]
jne %r1, 0, L995
stb [%r9+86], 0
stdw [%r9+440], 0
stdw [%r9+448], 0
stdw [%r9+456], 0
stdw [%r9+464], 0
stb [%r9+84], 0
stdw [%r9+288], 0
stdw [%r9+296], 0
stdw [%r9+304], 0
stdw [%r9+312], 0
stdw [%r9+320], 0
stdw [%r9+328], 0
stdw [%r9+336], 0
stdw [%r9+344], 0
stdw [%r9+352], 0
stdw [%r9+360], 0
stdw [%r9+368], 0
stdw [%r9+376], 0
stdw [%r9+384], 0
stdw [%r9+392], 0
stb [%r9+87], 0
stdw [%r9+472], 0
stdw [%r9+480], 0
stdw [%r9+488], 0
stdw [%r9+496], 0
stdw [%r9+504], 0
stb [%r9+88], 0
stdw [%r9+512], 0
stdw [%r9+528], 0
ldxdw %r1, [%r7+8]
stxdw [%r9+24], %r1
stdw [%r9+16], 1
ja L995
L280:
mov %r8, 1
stxw [%r10-8], %r1
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L291
mov %r7, %r0
ldxdw %r1, [%r0+16]
jne %r1, 0, L293
L291:
mov %r8, 0
ldxdw %r7, [%r10-328]
L293:
ldxw %r1, [%r7]
jne %r1, 0, L297
ldxdw %r1, [%r7+8]
stxdw [%r9+424], %r1
L297:
jeq %r8, 0, L995
ldxdw %r2, [%r9+440]
lsh %r2, 16
ldxdw %r0, [%r9+448]
rsh %r0, 32
or %r2, %r0
be64 %r2
stxdw [%r9+592], %r2
ldxdw %r2, [%r9+448]
be32 %r2
stxw [%r9+600], %r2
ldxdw %r2, [%r9+456]
be16 %r2
stxh [%r9+604], %r2
mov32 %r1, 0
ldxb %r0, [%r9+592]
xor32 %r1, %r0
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
ldxb %r0, [%r9+593]
xor32 %r1, %r0
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
ldxb %r0, [%r9+594]
xor32 %r1, %r0
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
ldxb %r0, [%r9+595]
xor32 %r1, %r0
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
ldxb %r0, [%r9+596]
xor32 %r1, %r0
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
ldxb %r0, [%r9+597]
xor32 %r1, %r0
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
ldxb %r0, [%r9+598]
xor32 %r1, %r0
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
ldxb %r0, [%r9+599]
xor32 %r1, %r0
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
ldxb %r0, [%r9+600]
xor32 %r1, %r0
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
ldxb %r0, [%r9+601]
xor32 %r1, %r0
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
ldxb %r0, [%r9+602]
xor32 %r1, %r0
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
ldxb %r0, [%r9+603]
xor32 %r1, %r0
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
ldxb %r0, [%r9+604]
xor32 %r1, %r0
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
ldxb %r0, [%r9+605]
xor32 %r1, %r0
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r2, %r1
and32 %r2, 1
mul32 %r2, 40961
rsh32 %r1, 1
xor32 %r1, %r2
mov32 %r1, %r1
and %r1, 16383
mov %r2, 49152
or %r2, %r1
stxdw [%r9+432], %r2
ldxdw %r1, [%r9+424]
stxdw [%r9+1624], %r1
ldxdw %r1, [%r9+440]
stxdw [%r9+1632], %r1
ldxdw %r1, [%r9+1624]
stxdw [%r9+1656], %r1
ldxdw %r1, [%r9+1632]
stxdw [%r9+1664], %r1
lddw %r1, 0x0
mov %r2, %r9
add %r2, 1656
call 1
mov %r7, %r0
jne %r0, 0, L922
ldxdw %r7, [%r10-328]
add %r7, 16
L922:
ldxw %r1, [%r7]
jeq %r1, 0, L926
jeq %r1, 1, L930
ja L995
L926:
ldxdw %r1, [%r7+8]
stxdw [%r9+24], %r1
stdw [%r9+16], 1
ja L995
L930:
stb [%r9+80], 1
ldxdw %r1, [%r7+24]
stxdw [%r9+96], %r1
lddw %r1, 0x20000000101
stxdw [%r9+104], %r1
stdw [%r9+112], 2048
stb [%r9+81], 1
stdw [%r9+120], 4
stdw [%r9+128], 5
ldxdw %r1, [%r9+32]
and %r1, 65535
add %r1, 36
and %r1, 65535
stxdw [%r9+152], %r1
stdw [%r9+168], 2
stdw [%r9+184], 64
stdw [%r9+192], 17
mov32 %r1, 0xc0000201
stxdw [%r9+208], %r1
ldxdw %r1, [%r7+8]
stxdw [%r9+216], %r1
mov %r1, 17664
ldxdw %r0, [%r9+152]
add %r1, %r0
add %r1, 16384
add %r1, 16384
add %r1, 17
ldxdw %r0, [%r9+208]
add %r1, %r0
ldxdw %r0, [%r9+216]
add %r1, %r0
mov %r0, %r1
rsh %r0, 16
and %r1, 65535
add %r1, %r0
mov %r0, %r1
rsh %r0, 16
and %r1, 65535
add %r1, %r0
mov %r0, %r1
rsh %r0, 16
and %r1, 65535
add %r1, %r0
xor %r1, 65535
stxdw [%r9+200], %r1
stb [%r9+82], 1
ldxdw %r1, [%r9+432]
stxdw [%r9+224], %r1
stdw [%r9+232], 4789
ldxdw %r1, [%r9+32]
and %r1, 65535
add %r1, 16
and %r1, 65535
stxdw [%r9+240], %r1
stb [%r9+83], 1
stdw [%r9+256], 8
ldxdw %r1, [%r9+424]
stxdw [%r9+272], %r1
ldxdw %r1, [%r7+16]
stxdw [%r9+24], %r1
stdw [%r9+16], 1
ldxdw %r1, [%r9+32]
jle %r1, 1464, L995
stdw [%r9+16], 0
L995:
ldxdw %r1, [%r9+16]
jeq %r1, 0, L1251
ldxb %r1, [%r9+80]
mul %r1, 14
mov %r8, %r1
ldxb %r0, [%r9+81]
mul %r0, 20
add %r1, %r0
stxdw [%r9+608], %r1
ldxb %r0, [%r9+82]
mul %r0, 8
add %r1, %r0
stxdw [%r9+616], %r1
ldxb %r0, [%r9+83]
mul %r0, 8
add %r1, %r0
stxdw [%r9+624], %r1
ldxb %r0, [%r9+86]
mul %r0, 14
add %r1, %r0
stxdw [%r9+632], %r1
ldxb %r0, [%r9+84]
mul %r0, 20
add %r1, %r0
stxdw [%r9+640], %r1
ldxb %r0, [%r9+87]
mul %r0, 8
add %r1, %r0
ldxb %r0, [%r9+88]
mul %r0, 8
add %r1, %r0
ldxb %r0, [%r9+85]
mul %r0, 14
add %r1, %r0
ldxdw %r0, [%r9]
sub %r0, %r1
mov %r7, %r0
jeq %r0, 0, L1037
mov %r2, %r0
mov %r1, %r6
call 44
jne %r0, 0, L1284
L1037:
ldxw %r0, [%r6+4]
ldxb %r1, [%r9+80]
jeq %r1, 0, L1057
ldxw %r2, [%r6]
mov %r3, %r2
add %r3, 14
jgt %r3, %r0, L1284
ldxdw %r3, [%r9+96]
lsh %r3, 16
ldxdw %r4, [%r9+104]
rsh %r4, 32
or %r3, %r4
be64 %r3
stxdw [%r2], %r3
ldxdw %r3, [%r9+104]
be32 %r3
stxw [%r2+8], %r3
ldxdw %r3, [%r9+112]
be16 %r3
stxh [%r2+12], %r3
L1057:
ldxb %r2, [%r9+81]
jeq %r2, 0, L1103
ldxw %r1, [%r6]
add %r1, %r8
mov %r4, %r1
add %r4, 20
jgt %r4, %r0, L1284
ldxdw %r4, [%r9+120]
lsh %r4, 60
ldxdw %r3, [%r9+128]
lsh %r3, 56
or %r4, %r3
ldxdw %r3, [%r9+136]
lsh %r3, 50
or %r4, %r3
ldxdw %r3, [%r9+144]
lsh %r3, 48
or %r4, %r3
ldxdw %r3, [%r9+152]
lsh %r3, 32
or %r4, %r3
ldxdw %r3, [%r9+160]
lsh %r3, 16
or %r4, %r3
ldxdw %r3, [%r9+168]
lsh %r3, 13
or %r4, %r3
ldxdw %r3, [%r9+176]
or %r4, %r3
be64 %r4
stxdw [%r1], %r4
ldxdw %r4, [%r9+184]
lsh %r4, 56
ldxdw %r3, [%r9+192]
lsh %r3, 48
or %r4, %r3
ldxdw %r3, [%r9+200]
lsh %r3, 32
or %r4, %r3
ldxdw %r3, [%r9+208]
or %r4, %r3
be64 %r4
stxdw [%r1+8], %r4
ldxdw %r4, [%r9+216]
be32 %r4
stxw [%r1+16], %r4
L1103:
ldxb %r1, [%r9+82]
jeq %r1, 0, L1124
ldxdw %r1, [%r9+608]
jgt %r1, 16383, L1284
ldxw %r2, [%r6]
add %r2, %r1
mov %r3, %r2
add %r3, 8
jgt %r3, %r0, L1284
ldxdw %r3, [%r9+224]
lsh %r3, 48
ldxdw %r4, [%r9+232]
lsh %r4, 32
or %r3, %r4
ldxdw %r4, [%r9+240]
lsh %r4, 16
or %r3, %r4
ldxdw %r4, [%r9+248]
or %r3, %r4
be64 %r3
stxdw [%r2], %r3
L1124:
ldxb %r2, [%r9+83]
jeq %r2, 0, L1145
ldxdw %r2, [%r9+616]
jgt %r2, 16383, L1284
ldxw %r1, [%r6]
add %r1, %r2
mov %r4, %r1
add %r4, 8
jgt %r4, %r0, L1284
ldxdw %r4, [%r9+256]
lsh %r4, 56
ldxdw %r3, [%r9+264]
lsh %r3, 32
or %r4, %r3
ldxdw %r3, [%r9+272]
lsh %r3, 8
or %r4, %r3
ldxdw %r3, [%r9+280]
or %r4, %r3
be64 %r4
stxdw [%r1], %r4
L1145:
ldxb %r1, [%r9+86]
jeq %r1, 0, L1172
ldxdw %r1, [%r9+624]
jgt %r1, 16383, L1284
ldxw %r2, [%r6]
add %r2, %r1
mov %r3, %r2
add %r3, 14
jgt %r3, %r0, L1284
ldxdw %r3, [%r9+464]
jeq %r3, 0, L1159
sub %r3, %r7
sub %r3, %r1
jeq %r3, 14, L1172
L1159:
ldxdw %r3, [%r9+440]
lsh %r3, 16
ldxdw %r4, [%r9+448]
rsh %r4, 32
or %r3, %r4
be64 %r3
stxdw [%r2], %r3
ldxdw %r3, [%r9+448]
be32 %r3
stxw [%r2+8], %r3
ldxdw %r3, [%r9+456]
be16 %r3
stxh [%r2+12], %r3
L1172:
ldxb %r2, [%r9+84]
jeq %r2, 0, L1225
ldxdw %r2, [%r9+632]
jgt %r2, 16383, L1284
ldxw %r1, [%r6]
add %r1, %r2
mov %r4, %r1
add %r4, 20
jgt %r4, %r0, L1284
ldxdw %r4, [%r9+392]
jeq %r4, 0, L1186
sub %r4, %r7
sub %r4, %r2
jeq %r4, 20, L1225
L1186:
ldxdw %r4, [%r9+288]
lsh %r4, 60
ldxdw %r3, [%r9+296]
lsh %r3, 56
or %r4, %r3
ldxdw %r3, [%r9+304]
lsh %r3, 50
or %r4, %r3
ldxdw %r3, [%r9+312]
lsh %r3, 48
or %r4, %r3
ldxdw %r3, [%r9+320]
lsh %r3, 32
or %r4, %r3
ldxdw %r3, [%r9+328]
lsh %r3, 16
or %r4, %r3
ldxdw %r3, [%r9+336]
lsh %r3, 13
or %r4, %r3
ldxdw %r3, [%r9+344]
or %r4, %r3
be64 %r4
stxdw [%r1], %r4
ldxdw %r4, [%r9+352]
lsh %r4, 56
ldxdw %r3, [%r9+360]
lsh %r3, 48
or %r4, %r3
ldxdw %r3, [%r9+368]
lsh %r3, 32
or %r4, %r3
ldxdw %r3, [%r9+376]
or %r4, %r3
be64 %r4
stxdw [%r1+8], %r4
ldxdw %r4, [%r9+384]
be32 %r4
stxw [%r1+16], %r4
L1225:
ldxb %r1, [%r9+87]
jeq %r1, 0, L1251
ldxdw %r1, [%r9+640]
jgt %r1, 16383, L1284
ldxw %r2, [%r6]
add %r2, %r1
mov %r3, %r2
add %r3, 8
jgt %r3, %r0, L1284
ldxdw %r3, [%r9+504]
jeq %r3, 0, L1239
sub %r3, %r7
sub %r3, %r1
jeq %r3, 8, L1251
L1239:
ldxdw %r3, [%r9+472]
lsh %r3, 48
ldxdw %r4, [%r9+480]
lsh %r4, 32
or %r3, %r4
ldxdw %r4, [%r9+488]
lsh %r4, 16
or %r3, %r4
ldxdw %r4, [%r9+496]
or %r3, %r4
be64 %r3
stxdw [%r2], %r3
L1251:
ldxdw %r5, [%r9+16]
ldxw %r1, [%r6+8]
ldxw %r2, [%r6]
jge %r1, %r2, L1265
mov %r3, %r1
add %r3, 32
jgt %r3, %r2, L1265
ldxw %r3, [%r1]
jne %r3, 0x74656e70, L1265
stxw [%r1+16], %r5
ldxdw %r3, [%r9+24]
stxw [%r1+20], %r3
ldxdw %r3, [%r9+8]
stxw [%r1+24], %r3
L1265:
jne %r5, 0, L1268
mov %r0, 1
exit
L1268:
jne %r5, 2, L1271
mov %r0, 2
exit
L1271:
jne %r5, 3, L1274
mov %r0, 3
exit
L1274:
ldxdw %r2, [%r9+24]
ldxdw %r4, [%r9+40]
jne %r2, %r4, L1279
mov %r0, 3
exit
L1279:
lddw %r1, 0x0
mov %r3, 1
call 51
exit
L1284:
mov %r0, 0
exit
L1286:
mov %r0, 1
exit
