; examples/vlan/vlan.pnet: XDP program 'pnet_xdp' (section xdp), 429 instructions
; maps: scratch, ports, ifports, t0, t1, t2, defaults
mov %r6, %r1
stw [%r10-8], 0
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L425
mov %r9, %r0
stw [%r10-8], 0
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L425
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
ldxw %r1, [%r6+8]
ldxw %r2, [%r6]
jge %r1, %r2, L47
mov %r3, %r1
add %r3, 32
jgt %r3, %r2, L47
ldxw %r3, [%r1]
jne %r3, 0x74656e70, L47
ldxw %r3, [%r1+4]
stxdw [%r9+40], %r3
ja L59
L47:
ldxw %r3, [%r6+12]
stxw [%r10-8], %r3
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L427
ldxw %r3, [%r0+4]
jeq %r3, 0, L427
ldxw %r3, [%r0]
stxdw [%r9+40], %r3
L59:
mov %r8, 0
ldxw %r7, [%r6]
mov %r0, %r7
add %r0, 14
ldxw %r1, [%r6+4]
jgt %r0, %r1, L126
ldxdw %r1, [%r7]
be64 %r1
rsh %r1, 16
stxdw [%r9+88], %r1
ldxdw %r1, [%r7+6]
be64 %r1
rsh %r1, 16
stxdw [%r9+96], %r1
ldxh %r1, [%r7+12]
be16 %r1
stxdw [%r9+104], %r1
add %r7, 14
mov %r8, 14
stxdw [%r9+112], %r8
stb [%r9+80], 1
jeq %r1, 33024, L82
jne %r1, 34984, L129
L82:
mov %r1, %r7
add %r1, 4
ldxw %r0, [%r6+4]
jgt %r1, %r0, L126
ldxb %r0, [%r7]
rsh %r0, 5
stxdw [%r9+120], %r0
ldxb %r0, [%r7]
rsh %r0, 4
and %r0, 1
stxdw [%r9+128], %r0
ldxh %r0, [%r7]
be16 %r0
and %r0, 4095
stxdw [%r9+136], %r0
ldxh %r0, [%r7+2]
be16 %r0
stxdw [%r9+144], %r0
add %r7, 4
mov %r8, 18
stb [%r9+81], 1
jne %r0, 33024, L129
mov %r0, %r7
add %r0, 4
ldxw %r1, [%r6+4]
jgt %r0, %r1, L126
ldxb %r1, [%r7]
rsh %r1, 5
stxdw [%r9+152], %r1
ldxb %r1, [%r7]
rsh %r1, 4
and %r1, 1
stxdw [%r9+160], %r1
ldxh %r1, [%r7]
be16 %r1
and %r1, 4095
stxdw [%r9+168], %r1
ldxh %r1, [%r7+2]
be16 %r1
stxdw [%r9+176], %r1
mov %r8, 22
stb [%r9+82], 1
jne %r1, 33024, L129
ja L128
L126:
stdw [%r9+8], 1
ja L129
L128:
stdw [%r9+8], 3
L129:
stxdw [%r9], %r8
mov %r8, 0
mov %r7, 0
ldxdw %r1, [%r9+8]
jeq %r1, 0, L136
mov %r7, 0
ja L304
L136:
mov %r1, %r3
stxw [%r10-8], %r1
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L147
mov %r7, %r0
ldxdw %r1, [%r0+16]
jne %r1, 0, L148
L147:
ldxdw %r7, [%r10-328]
L148:
ldxw %r1, [%r7]
jeq %r1, 0, L157
jeq %r1, 1, L175
jeq %r1, 2, L154
jeq %r1, 4, L304
ja L202
L154:
ldxdw %r1, [%r7+8]
stxdw [%r9+184], %r1
ja L228
L157:
ldxdw %r1, [%r7+8]
stxdw [%r9+184], %r1
ldxb %r1, [%r9+81]
jeq %r1, 0, L228
ldxdw %r1, [%r9+136]
jeq %r1, 0, L165
mov %r7, 0
ja L304
L165:
ldxdw %r1, [%r9+120]
stxdw [%r9+192], %r1
ldxdw %r1, [%r9+144]
stxdw [%r9+104], %r1
stb [%r9+81], 0
stdw [%r9+120], 0
stdw [%r9+128], 0
stdw [%r9+136], 0
stdw [%r9+144], 0
ja L228
L175:
ldxdw %r1, [%r9+104]
jeq %r1, 33024, L179
mov %r7, 0
ja L304
L179:
ldxdw %r1, [%r9+136]
stxdw [%r9+184], %r1
ldxdw %r1, [%r9+120]
stxdw [%r9+192], %r1
ldxdw %r1, [%r9+144]
stxdw [%r9+104], %r1
ldxb %r1, [%r9+82]
stxb [%r9+81], %r1
ldxdw %r1, [%r9+152]
stxdw [%r9+120], %r1
ldxdw %r1, [%r9+160]
stxdw [%r9+128], %r1
ldxdw %r1, [%r9+168]
stxdw [%r9+136], %r1
ldxdw %r1, [%r9+176]
stxdw [%r9+144], %r1
stb [%r9+82], 0
stdw [%r9+152], 0
stdw [%r9+160], 0
stdw [%r9+168], 0
stdw [%r9+176], 0
mov %r7, 0
ja L228
L202:
ldxdw %r1, [%r9+104]
jeq %r1, 34984, L206
mov %r7, 0
ja L304
L206:
ldxdw %r1, [%r9+136]
stxdw [%r9+184], %r1
ldxdw %r1, [%r9+120]
stxdw [%r9+192], %r1
ldxdw %r1, [%r9+144]
stxdw [%r9+104], %r1
ldxb %r1, [%r9+82]
stxb [%r9+81], %r1
ldxdw %r1, [%r9+152]
stxdw [%r9+120], %r1
ldxdw %r1, [%r9+160]
stxdw [%r9+128], %r1
ldxdw %r1, [%r9+168]
stxdw [%r9+136], %r1
ldxdw %r1, [%r9+176]
stxdw [%r9+144], %r1
stb [%r9+82], 0
stdw [%r9+152], 0
stdw [%r9+160], 0
stdw [%r9+168], 0
stdw [%r9+176], 0
mov %r7, 0
L228:
ldxdw %r1, [%r9+184]
stxdw [%r9+1264], %r1
ldxdw %r1, [%r9+88]
stxdw [%r9+1272], %r1
mov %r8, 1
ldxdw %r1, [%r9+1264]
stxdw [%r9+1296], %r1
ldxdw %r1, [%r9+1272]
stxdw [%r9+1304], %r1
lddw %r1, 0x0
mov %r2, %r9
add %r2, 1296
call 1
mov %r7, %r0
jne %r0, 0, L247
mov %r8, 0
ldxdw %r7, [%r10-328]
add %r7, 16
L247:
ldxw %r1, [%r7]
jne %r1, 0, L254
ldxdw %r1, [%r7+8]
stxdw [%r9+200], %r1
ldxdw %r1, [%r7+8]
stxdw [%r9+24], %r1
stdw [%r9+16], 1
L254:
jeq %r8, 0, L304
ldxdw %r1, [%r9+200]
ldxdw %r0, [%r9+40]
jne %r1, %r0, L261
stdw [%r9+16], 0
mov %r7, 0
ja L304
L261:
stxdw [%r9+1280], %r1
ldxdw %r1, [%r9+184]
stxdw [%r9+1288], %r1
ldxdw %r1, [%r9+1280]
stxdw [%r9+1296], %r1
ldxdw %r1, [%r9+1288]
stxdw [%r9+1304], %r1
lddw %r1, 0x0
mov %r2, %r9
add %r2, 1296
call 1
mov %r7, %r0
jne %r0, 0, L277
ldxdw %r7, [%r10-328]
add %r7, 32
L277:
ldxw %r1, [%r7]
jeq %r1, 1, L282
jne %r1, 2, L304
stdw [%r9+16], 0
ja L304
L282:
ldxb %r1, [%r9+81]
stxb [%r9+82], %r1
ldxdw %r1, [%r9+120]
stxdw [%r9+152], %r1
ldxdw %r1, [%r9+128]
stxdw [%r9+160], %r1
ldxdw %r1, [%r9+136]
stxdw [%r9+168], %r1
ldxdw %r1, [%r9+144]
stxdw [%r9+176], %r1
stdw [%r9+128], 0
stb [%r9+81], 1
ldxdw %r1, [%r9+192]
stxdw [%r9+120], %r1
ldxdw %r1, [%r9+184]
stxdw [%r9+136], %r1
ldxdw %r1, [%r9+104]
stxdw [%r9+144], %r1
ldxdw %r1, [%r7+8]
ldxb %r0, [%r9+80]
jeq %r0, 0, L304
stxdw [%r9+104], %r1
L304:
ldxdw %r1, [%r9+16]
jeq %r1, 0, L392
ldxb %r1, [%r9+80]
mul %r1, 14
mov %r8, %r1
ldxb %r0, [%r9+81]
mul %r0, 4
add %r1, %r0
stxdw [%r9+248], %r1
ldxb %r0, [%r9+82]
mul %r0, 4
add %r1, %r0
ldxdw %r0, [%r9]
sub %r0, %r1
mov %r7, %r0
jeq %r0, 0, L324
mov %r2, %r0
mov %r1, %r6
call 44
jne %r0, 0, L425
L324:
ldxw %r0, [%r6+4]
ldxb %r1, [%r9+80]
jeq %r1, 0, L352
ldxw %r2, [%r6]
mov %r3, %r2
add %r3, 14
jgt %r3, %r0, L425
ldxdw %r3, [%r9+112]
jeq %r3, 0, L339
sub %r3, %r7
jne %r3, 14, L339
ldxdw %r3, [%r9+104]
be16 %r3
stxh [%r2+12], %r3
ja L352
L339:
ldxdw %r4, [%r9+88]
lsh %r4, 16
ldxdw %r3, [%r9+96]
rsh %r3, 32
or %r4, %r3
be64 %r4
stxdw [%r2], %r4
ldxdw %r4, [%r9+96]
be32 %r4
stxw [%r2+8], %r4
ldxdw %r4, [%r9+104]
be16 %r4
stxh [%r2+12], %r4
L352:
ldxb %r2, [%r9+81]
jeq %r2, 0, L371
ldxw %r1, [%r6]
add %r1, %r8
mov %r3, %r1
add %r3, 4
jgt %r3, %r0, L425
ldxdw %r3, [%r9+120]
lsh %r3, 29
ldxdw %r4, [%r9+128]
lsh %r4, 28
or %r3, %r4
ldxdw %r4, [%r9+136]
lsh %r4, 16
or %r3, %r4
ldxdw %r4, [%r9+144]
or %r3, %r4
be32 %r3
stxw [%r1], %r3
L371:
ldxb %r1, [%r9+82]
jeq %r1, 0, L392
ldxdw %r1, [%r9+248]
jgt %r1, 16383, L425
ldxw %r2, [%r6]
add %r2, %r1
mov %r4, %r2
add %r4, 4
jgt %r4, %r0, L425
ldxdw %r4, [%r9+152]
lsh %r4, 29
ldxdw %r3, [%r9+160]
lsh %r3, 28
or %r4, %r3
ldxdw %r3, [%r9+168]
lsh %r3, 16
or %r4, %r3
ldxdw %r3, [%r9+176]
or %r4, %r3
be32 %r4
stxw [%r2], %r4
L392:
ldxdw %r5, [%r9+16]
ldxw %r1, [%r6+8]
ldxw %r2, [%r6]
jge %r1, %r2, L406
mov %r3, %r1
add %r3, 32
jgt %r3, %r2, L406
ldxw %r3, [%r1]
jne %r3, 0x74656e70, L406
stxw [%r1+16], %r5
ldxdw %r3, [%r9+24]
stxw [%r1+20], %r3
ldxdw %r3, [%r9+8]
stxw [%r1+24], %r3
L406:
jne %r5, 0, L409
mov %r0, 1
exit
L409:
jne %r5, 2, L412
mov %r0, 2
exit
L412:
jne %r5, 3, L415
mov %r0, 3
exit
L415:
ldxdw %r2, [%r9+24]
ldxdw %r4, [%r9+40]
jne %r2, %r4, L420
mov %r0, 3
exit
L420:
lddw %r1, 0x0
mov %r3, 1
call 51
exit
L425:
mov %r0, 0
exit
L427:
mov %r0, 1
exit
