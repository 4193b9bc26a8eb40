; examples/loadbalancer/loadbalancer.pnet: XDP program 'pnet_xdp' (section xdp), 1108 instructions
; maps: scratch, ports, ifports, t0, t1, defaults, r0
mov %r6, %r1
stw [%r10-8], 0
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L1104
mov %r9, %r0
stw [%r10-8], 0
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L1104
stxdw [%r10-328], %r0
stdw [%r9+8], 0
stdw [%r9+16], 0
stdw [%r9+24], 0
stdw [%r9+80], 0
stdw [%r9+88], 0
stdw [%r9+96], 0
stdw [%r9+136], 0
stdw [%r9+152], 0
stdw [%r9+168], 0
stdw [%r9+176], 0
stdw [%r9+192], 0
stdw [%r9+200], 0
stdw [%r9+208], 0
stdw [%r9+216], 0
stdw [%r9+224], 0
stdw [%r9+232], 0
stdw [%r9+240], 0
ldxw %r1, [%r6+8]
ldxw %r2, [%r6]
jge %r1, %r2, L45
mov %r3, %r1
add %r3, 32
jgt %r3, %r2, L45
ldxw %r3, [%r1]
jne %r3, 0x74656e70, L45
ldxw %r3, [%r1+4]
stxdw [%r9+40], %r3
ja L57
L45:
ldxw %r3, [%r6+12]
stxw [%r10-8], %r3
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L1106
ldxw %r3, [%r0+4]
jeq %r3, 0, L1106
ldxw %r3, [%r0]
stxdw [%r9+40], %r3
L57:
mov %r8, 0
ldxw %r7, [%r6]
mov %r0, %r7
add %r0, 14
ldxw %r1, [%r6+4]
jgt %r0, %r1, L145
ldxdw %r1, [%r7]
be64 %r1
rsh %r1, 16
stxdw [%r9+248], %r1
ldxdw %r1, [%r7+6]
be64 %r1
rsh %r1, 16
stxdw [%r9+256], %r1
ldxh %r1, [%r7+12]
be16 %r1
add %r7, 14
mov %r8, 14
stb [%r9+82], 1
jne %r1, 2048, L148
mov %r1, %r7
add %r1, 20
ldxw %r0, [%r6+4]
jgt %r1, %r0, L145
ldxb %r0, [%r7]
rsh %r0, 4
stxdw [%r9+272], %r0
ldxh %r0, [%r7+6]
be16 %r0
and %r0, 8191
stxdw [%r9+328], %r0
ldxb %r0, [%r7+9]
stxdw [%r9+344], %r0
ldxh %r0, [%r7+10]
be16 %r0
stxdw [%r9+352], %r0
ldxw %r0, [%r7+12]
be32 %r0
stxdw [%r9+360], %r0
ldxw %r0, [%r7+16]
be32 %r0
stxdw [%r9+368], %r0
add %r7, 20
mov %r8, 34
stb [%r9+83], 1
ldxdw %r0, [%r9+272]
jne %r0, 4, L147
ldxdw %r0, [%r9+344]
ldxdw %r1, [%r9+328]
jne %r0, 6, L108
jeq %r1, 0, L111
L108:
jne %r0, 17, L148
jne %r1, 0, L148
ja L129
L111:
mov %r1, %r7
add %r1, 20
ldxw %r0, [%r6+4]
jgt %r1, %r0, L145
ldxh %r0, [%r7]
be16 %r0
stxdw [%r9+88], %r0
ldxh %r0, [%r7+2]
be16 %r0
stxdw [%r9+96], %r0
ldxb %r0, [%r7+13]
stxdw [%r9+136], %r0
ldxh %r0, [%r7+16]
be16 %r0
stxdw [%r9+152], %r0
mov %r8, 54
stb [%r9+80], 1
ja L148
L129:
mov %r0, %r7
add %r0, 8
ldxw %r1, [%r6+4]
jgt %r0, %r1, L145
ldxh %r1, [%r7]
be16 %r1
stxdw [%r9+168], %r1
ldxh %r1, [%r7+2]
be16 %r1
stxdw [%r9+176], %r1
ldxh %r1, [%r7+6]
be16 %r1
stxdw [%r9+192], %r1
mov %r8, 42
stb [%r9+81], 1
ja L148
L145:
stdw [%r9+8], 1
ja L148
L147:
stdw [%r9+8], 6
L148:
stxdw [%r9], %r8
mov %r8, 0
mov %r7, 0
ldxdw %r1, [%r9+8]
jne %r1, 0, L992
ldxb %r1, [%r9+83]
jne %r1, 0, L157
stdw [%r9+16], 2
ja L992
L157:
ldxb %r1, [%r9+80]
jeq %r1, 0, L161
ldxdw %r1, [%r9+88]
ja L162
L161:
ldxdw %r1, [%r9+168]
L162:
stxdw [%r9+200], %r1
ldxb %r1, [%r9+80]
jeq %r1, 0, L167
ldxdw %r1, [%r9+96]
ja L168
L167:
ldxdw %r1, [%r9+176]
L168:
stxdw [%r9+208], %r1
ldxdw %r1, [%r9+368]
stxdw [%r9+1456], %r1
ldxdw %r1, [%r9+344]
stxdw [%r9+1464], %r1
ldxdw %r1, [%r9+208]
stxdw [%r9+1472], %r1
mov %r8, 1
ldxdw %r1, [%r9+1456]
stxdw [%r9+1496], %r1
ldxdw %r1, [%r9+1464]
stxdw [%r9+1504], %r1
ldxdw %r1, [%r9+1472]
stxdw [%r9+1512], %r1
lddw %r1, 0x0
mov %r2, %r9
add %r2, 1496
call 1
mov %r7, %r0
jne %r0, 0, L191
mov %r8, 0
ldxdw %r7, [%r10-328]
L191:
ldxw %r1, [%r7]
jeq %r1, 0, L195
stdw [%r9+16], 2
ja L197
L195:
ldxdw %r1, [%r7+8]
stxdw [%r9+216], %r1
L197:
jeq %r8, 0, L992
ldxdw %r0, [%r9+360]
lsh %r0, 32
ldxdw %r2, [%r9+368]
or %r0, %r2
be64 %r0
stxdw [%r9+432], %r0
ldxdw %r0, [%r9+344]
lsh %r0, 24
ldxdw %r2, [%r9+200]
lsh %r2, 8
or %r0, %r2
ldxdw %r2, [%r9+208]
rsh %r2, 8
or %r0, %r2
be32 %r0
stxw [%r9+440], %r0
ldxdw %r0, [%r9+208]
stxb [%r9+444], %r0
mov32 %r1, -1
ldxb %r2, [%r9+432]
xor32 %r1, %r2
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
ldxb %r2, [%r9+433]
xor32 %r1, %r2
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
ldxb %r2, [%r9+434]
xor32 %r1, %r2
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
ldxb %r2, [%r9+435]
xor32 %r1, %r2
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
ldxb %r2, [%r9+436]
xor32 %r1, %r2
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
ldxb %r2, [%r9+437]
xor32 %r1, %r2
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
ldxb %r2, [%r9+438]
xor32 %r1, %r2
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
ldxb %r2, [%r9+439]
xor32 %r1, %r2
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
ldxb %r2, [%r9+440]
xor32 %r1, %r2
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
ldxb %r2, [%r9+441]
xor32 %r1, %r2
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
ldxb %r2, [%r9+442]
xor32 %r1, %r2
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
ldxb %r2, [%r9+443]
xor32 %r1, %r2
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
ldxb %r2, [%r9+444]
xor32 %r1, %r2
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
mov32 %r0, %r1
and32 %r0, 1
mul32 %r0, 0xedb88320
rsh32 %r1, 1
xor32 %r1, %r0
xor32 %r1, -1
mov32 %r1, %r1
stxdw [%r9+384], %r1
rsh %r1, 16
and %r1, 65535
ldxdw %r0, [%r9+384]
and %r0, 65535
xor %r1, %r0
stxdw [%r9+224], %r1
ldxdw %r1, [%r9+216]
stxdw [%r9+1480], %r1
ldxdw %r1, [%r9+224]
and %r1, 15
stxdw [%r9+1488], %r1
mov %r8, 1
ldxdw %r1, [%r9+1480]
stxdw [%r9+1496], %r1
ldxdw %r1, [%r9+1488]
stxdw [%r9+1504], %r1
lddw %r1, 0x0
mov %r2, %r9
add %r2, 1496
call 1
mov %r7, %r0
jne %r0, 0, L792
mov %r8, 0
ldxdw %r7, [%r10-328]
add %r7, 16
L792:
ldxw %r1, [%r7]
jeq %r1, 0, L796
stdw [%r9+16], 0
ja L808
L796:
ldxdw %r1, [%r7+8]
stxdw [%r9+232], %r1
ldxdw %r1, [%r7+16]
stxdw [%r9+240], %r1
lddw %r1, 0x20000000b01
stxdw [%r9+256], %r1
ldxdw %r1, [%r7+24]
stxdw [%r9+248], %r1
ldxdw %r1, [%r7+32]
stxdw [%r9+24], %r1
stdw [%r9+16], 1
L808:
jeq %r8, 0, L992
ldxdw %r1, [%r9+352]
and %r1, 65535
xor %r1, 65535
ldxdw %r2, [%r9+368]
rsh %r2, 16
and %r2, 65535
and %r2, 65535
xor %r2, 65535
add %r1, %r2
ldxdw %r2, [%r9+240]
rsh %r2, 16
and %r2, 65535
and %r2, 65535
add %r1, %r2
mov %r0, %r1
rsh %r0, 16
and %r1, 65535
add %r1, %r0
mov %r0, %r1
rsh %r0, 16
and %r1, 65535
add %r1, %r0
xor %r1, 65535
mov %r2, %r1
and %r2, 65535
xor %r2, 65535
mov %r1, %r2
ldxdw %r2, [%r9+368]
and %r2, 65535
and %r2, 65535
xor %r2, 65535
add %r1, %r2
ldxdw %r2, [%r9+240]
and %r2, 65535
and %r2, 65535
add %r1, %r2
mov %r0, %r1
rsh %r0, 16
and %r1, 65535
add %r1, %r0
mov %r0, %r1
rsh %r0, 16
and %r1, 65535
add %r1, %r0
xor %r1, 65535
stxdw [%r9+352], %r1
ldxb %r1, [%r9+80]
jeq %r1, 0, L903
ldxdw %r1, [%r9+152]
and %r1, 65535
xor %r1, 65535
ldxdw %r2, [%r9+368]
rsh %r2, 16
and %r2, 65535
and %r2, 65535
xor %r2, 65535
add %r1, %r2
ldxdw %r2, [%r9+240]
rsh %r2, 16
and %r2, 65535
and %r2, 65535
add %r1, %r2
mov %r0, %r1
rsh %r0, 16
and %r1, 65535
add %r1, %r0
mov %r0, %r1
rsh %r0, 16
and %r1, 65535
add %r1, %r0
xor %r1, 65535
mov %r2, %r1
and %r2, 65535
xor %r2, 65535
mov %r1, %r2
ldxdw %r2, [%r9+368]
and %r2, 65535
and %r2, 65535
xor %r2, 65535
add %r1, %r2
ldxdw %r2, [%r9+240]
and %r2, 65535
and %r2, 65535
add %r1, %r2
mov %r0, %r1
rsh %r0, 16
and %r1, 65535
add %r1, %r0
mov %r0, %r1
rsh %r0, 16
and %r1, 65535
add %r1, %r0
xor %r1, 65535
stxdw [%r9+152], %r1
L903:
ldxdw %r1, [%r9+192]
jeq %r1, 0, L956
mov %r2, %r1
and %r2, 65535
xor %r2, 65535
mov %r1, %r2
ldxdw %r2, [%r9+368]
rsh %r2, 16
and %r2, 65535
and %r2, 65535
xor %r2, 65535
add %r1, %r2
ldxdw %r2, [%r9+240]
rsh %r2, 16
and %r2, 65535
and %r2, 65535
add %r1, %r2
mov %r0, %r1
rsh %r0, 16
and %r1, 65535
add %r1, %r0
mov %r0, %r1
rsh %r0, 16
and %r1, 65535
add %r1, %r0
xor %r1, 65535
ldxb %r0, [%r9+81]
jeq %r0, 0, L932
stxdw [%r9+192], %r1
L932:
ldxdw %r1, [%r9+192]
and %r1, 65535
xor %r1, 65535
ldxdw %r2, [%r9+368]
and %r2, 65535
and %r2, 65535
xor %r2, 65535
add %r1, %r2
ldxdw %r2, [%r9+240]
and %r2, 65535
and %r2, 65535
add %r1, %r2
mov %r0, %r1
rsh %r0, 16
and %r1, 65535
add %r1, %r0
mov %r0, %r1
rsh %r0, 16
and %r1, 65535
add %r1, %r0
xor %r1, 65535
ldxb %r0, [%r9+81]
jeq %r0, 0, L956
stxdw [%r9+192], %r1
L956:
ldxdw %r1, [%r9+240]
stxdw [%r9+368], %r1
ldxb %r1, [%r9+80]
jeq %r1, 0, L992
ldxdw %r1, [%r9+136]
and %r1, 18
jne %r1, 2, L992
stdw [%r9+432], 0
ldxdw %r1, [%r9+232]
jge %r1, 256, L976
stxw [%r10-8], %r1
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L976
mov %r1, %r0
ldxdw %r0, [%r1]
stxdw [%r9+432], %r0
L976:
ldxdw %r0, [%r9+432]
add %r0, 1
mov32 %r0, %r0
stxdw [%r9+448], %r0
ldxdw %r0, [%r9+232]
jge %r0, 256, L992
stxw [%r10-8], %r0
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L992
mov %r0, %r0
ldxdw %r1, [%r9+448]
stxdw [%r0], %r1
L992:
ldxdw %r1, [%r9+16]
jeq %r1, 0, L1071
ldxb %r1, [%r9+82]
mul %r1, 14
mov %r8, %r1
ldxb %r0, [%r9+83]
mul %r0, 20
add %r1, %r0
mov %r7, %r1
ldxb %r0, [%r9+80]
mul %r0, 20
add %r1, %r0
stxdw [%r9+456], %r1
ldxb %r0, [%r9+81]
mul %r0, 8
add %r1, %r0
ldxdw %r0, [%r9]
sub %r0, %r1
jeq %r0, 0, L1015
mov %r2, %r0
mov %r1, %r6
call 44
jne %r0, 0, L1104
L1015:
ldxw %r0, [%r6+4]
ldxb %r1, [%r9+82]
jeq %r1, 0, L1036
ldxw %r2, [%r6]
mov %r3, %r2
add %r3, 12
jgt %r3, %r0, L1104
ldxdw %r3, [%r9+248]
rsh %r3, 16
be32 %r3
stxw [%r2], %r3
ldxdw %r3, [%r9+248]
be16 %r3
stxh [%r2+4], %r3
ldxdw %r4, [%r9+256]
rsh %r4, 16
be32 %r4
stxw [%r2+6], %r4
ldxdw %r4, [%r9+256]
be16 %r4
stxh [%r2+10], %r4
L1036:
ldxb %r2, [%r9+83]
jeq %r2, 0, L1049
ldxw %r1, [%r6]
add %r1, %r8
mov %r3, %r1
add %r3, 20
jgt %r3, %r0, L1104
ldxdw %r3, [%r9+352]
be16 %r3
stxh [%r1+10], %r3
ldxdw %r4, [%r9+368]
be32 %r4
stxw [%r1+16], %r4
L1049:
ldxb %r1, [%r9+80]
jeq %r1, 0, L1059
ldxw %r2, [%r6]
add %r2, %r7
mov %r3, %r2
add %r3, 18
jgt %r3, %r0, L1104
ldxdw %r3, [%r9+152]
be16 %r3
stxh [%r2+16], %r3
L1059:
ldxb %r2, [%r9+81]
jeq %r2, 0, L1071
ldxdw %r2, [%r9+456]
jgt %r2, 16383, L1104
ldxw %r1, [%r6]
add %r1, %r2
mov %r4, %r1
add %r4, 8
jgt %r4, %r0, L1104
ldxdw %r4, [%r9+192]
be16 %r4
stxh [%r1+6], %r4
L1071:
ldxdw %r5, [%r9+16]
ldxw %r1, [%r6+8]
ldxw %r2, [%r6]
jge %r1, %r2, L1085
mov %r3, %r1
add %r3, 32
jgt %r3, %r2, L1085
ldxw %r3, [%r1]
jne %r3, 0x74656e70, L1085
stxw [%r1+16], %r5
ldxdw %r3, [%r9+24]
stxw [%r1+20], %r3
ldxdw %r3, [%r9+8]
stxw [%r1+24], %r3
L1085:
jne %r5, 0, L1088
mov %r0, 1
exit
L1088:
jne %r5, 2, L1091
mov %r0, 2
exit
L1091:
jne %r5, 3, L1094
mov %r0, 3
exit
L1094:
ldxdw %r2, [%r9+24]
ldxdw %r4, [%r9+40]
jne %r2, %r4, L1099
mov %r0, 3
exit
L1099:
lddw %r1, 0x0
mov %r3, 1
call 51
exit
L1104:
mov %r0, 0
exit
L1106:
mov %r0, 1
exit
