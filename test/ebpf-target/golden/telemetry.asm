; examples/telemetry/telemetry.pnet: XDP program 'pnet_xdp' (section xdp), 587 instructions
; maps: scratch, ports, ifports, t0, t1, u1, defaults, k0, digests
mov %r6, %r1
stw [%r10-8], 0
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L583
mov %r9, %r0
stw [%r10-8], 0
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L583
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
ldxw %r1, [%r6]
ldxw %r2, [%r6+4]
sub %r2, %r1
stxdw [%r9+32], %r2
ldxw %r1, [%r6+8]
ldxw %r2, [%r6]
jge %r1, %r2, L50
mov %r3, %r1
add %r3, 32
jgt %r3, %r2, L50
ldxw %r3, [%r1]
jne %r3, 0x74656e70, L50
ldxw %r3, [%r1+4]
stxdw [%r9+40], %r3
ldxdw %r3, [%r1+8]
stxdw [%r9+48], %r3
ja L64
L50:
ldxw %r3, [%r6+12]
stxw [%r10-8], %r3
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L585
ldxw %r3, [%r0+4]
jeq %r3, 0, L585
ldxw %r3, [%r0]
stxdw [%r9+40], %r3
call 5
stxdw [%r9+48], %r0
L64:
mov %r8, 0
ldxw %r7, [%r6]
mov %r0, %r7
add %r0, 14
ldxw %r1, [%r6+4]
jgt %r0, %r1, L174
ldxdw %r1, [%r7]
be64 %r1
rsh %r1, 16
stxdw [%r9+184], %r1
ldxdw %r1, [%r7+6]
be64 %r1
rsh %r1, 16
stxdw [%r9+192], %r1
ldxh %r1, [%r7+12]
be16 %r1
stxdw [%r9+200], %r1
add %r7, 14
mov %r8, 14
stb [%r9+82], 1
ldxdw %r1, [%r9+40]
ldxdw %r0, [%r9+200]
jlt %r1, 32, L89
jgt %r1, 47, L89
jeq %r0, 34997, L91
L89:
jne %r0, 2048, L179
ja L123
L91:
mov %r0, %r7
add %r0, 8
ldxw %r1, [%r6+4]
jgt %r0, %r1, L174
ldxb %r1, [%r7]
rsh %r1, 4
stxdw [%r9+88], %r1
ldxb %r1, [%r7]
and %r1, 15
stxdw [%r9+96], %r1
ldxb %r1, [%r7+1]
stxdw [%r9+104], %r1
ldxh %r1, [%r7+2]
be16 %r1
stxdw [%r9+112], %r1
ldxw %r1, [%r7+4]
be32 %r1
stxdw [%r9+120], %r1
add %r7, 8
mov %r8, 22
stb [%r9+80], 1
ldxdw %r1, [%r9+88]
jne %r1, 1, L176
ldxdw %r2, [%r9+96]
ldxdw %r0, [%r9+104]
and %r2, 8
jne %r2, 8, L120
jlt %r0, 1, L120
jle %r0, 8, L138
L120:
jlt %r0, 1, L178
jgt %r0, 8, L178
ja L149
L123:
mov %r0, %r7
add %r0, 20
ldxw %r1, [%r6+4]
jgt %r0, %r1, L174
ldxb %r1, [%r7+9]
stxdw [%r9+280], %r1
ldxw %r1, [%r7+12]
be32 %r1
stxdw [%r9+296], %r1
ldxw %r1, [%r7+16]
be32 %r1
stxdw [%r9+304], %r1
add %r8, 20
stb [%r9+83], 1
ja L179
L138:
mov %r1, %r7
add %r1, 12
ldxw %r0, [%r6+4]
jgt %r1, %r0, L174
ldxw %r1, [%r7]
be32 %r1
ldxdw %r0, [%r7+4]
be64 %r0
stxdw [%r9+160], %r0
stxdw [%r9+168], %r1
ja L179
L149:
mov %r1, %r7
add %r1, 12
ldxw %r0, [%r6+4]
jgt %r1, %r0, L174
ldxw %r1, [%r7]
be32 %r1
ldxdw %r0, [%r7+4]
be64 %r0
stxdw [%r9+160], %r0
stxdw [%r9+168], %r1
ldxdw %r1, [%r9+104]
mul %r1, 12
and %r1, 65535
mov %r0, 22
ldxdw %r2, [%r9+32]
jgt %r1, %r2, L174
add %r0, %r1
jgt %r0, %r2, L174
jgt %r0, 16383, L174
mov %r8, %r0
ldxw %r7, [%r6]
add %r7, %r8
ldxdw %r1, [%r9+112]
jne %r1, 2048, L179
ja L123
L174:
stdw [%r9+8], 1
ja L179
L176:
stdw [%r9+8], 6
ja L179
L178:
stdw [%r9+8], 5
L179:
stxdw [%r9], %r8
mov %r8, 0
mov %r7, 0
ldxdw %r1, [%r9+8]
jeq %r1, 0, L230
jne %r1, 6, L198
mov %r1, 0
jge %r1, 4, L198
stxw [%r10-8], %r1
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L198
mov %r1, 1
lock add [%r0], %r1
ldxdw %r1, [%r9+32]
lock add [%r0+8], %r1
L198:
ldxdw %r1, [%r9+8]
jne %r1, 5, L213
mov %r1, 1
jge %r1, 4, L213
stxw [%r10-8], %r1
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L213
mov %r1, 1
lock add [%r0], %r1
ldxdw %r1, [%r9+32]
lock add [%r0+8], %r1
L213:
ldxdw %r1, [%r9+8]
jne %r1, 1, L228
mov %r1, 2
jge %r1, 4, L228
stxw [%r10-8], %r1
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L228
mov %r1, 1
lock add [%r0], %r1
ldxdw %r1, [%r9+32]
lock add [%r0+8], %r1
L228:
stdw [%r9+16], 0
ja L467
L230:
ldxb %r1, [%r9+80]
jeq %r1, 0, L270
ldxdw %r1, [%r9+96]
and %r1, 8
jeq %r1, 0, L270
ldxdw %r1, [%r9+48]
mov32 %r1, %r1
ldxdw %r2, [%r9+160]
ldxdw %r3, [%r9+168]
lsh %r3, 32
rsh %r2, 32
or %r2, %r3
mov32 %r2, %r2
sub %r1, %r2
mov32 %r1, %r1
stxdw [%r9+352], %r1
mov %r7, %r9
add %r7, 352
stb [%r9+81], 1
stdw [%r9+128], 2561
ldxdw %r1, [%r9+40]
stxdw [%r9+136], %r1
ldxdw %r1, [%r9+48]
mov32 %r1, %r1
stxdw [%r9+144], %r1
ldxdw %r1, [%r7]
stxdw [%r9+152], %r1
mov %r7, 0
ldxdw %r1, [%r9+104]
add %r1, 1
and %r1, 255
stxdw [%r9+104], %r1
ldxdw %r1, [%r9+192]
stxdw [%r9+320], %r1
ldxdw %r1, [%r9+184]
stxdw [%r9+192], %r1
ldxdw %r1, [%r9+320]
stxdw [%r9+184], %r1
stdw [%r9+16], 3
ja L467
L270:
ldxb %r1, [%r9+83]
jne %r1, 0, L274
stdw [%r9+16], 2
ja L467
L274:
ldxdw %r1, [%r9+304]
stxdw [%r9+1392], %r1
mov %r8, 1
stw [%r9+1424], 32
be32 %r1
stxw [%r9+1428], %r1
lddw %r1, 0x0
mov %r2, %r9
add %r2, 1424
call 1
mov %r7, %r0
jne %r0, 0, L289
mov %r8, 0
ldxdw %r7, [%r10-328]
L289:
ldxw %r2, [%r7]
jeq %r2, 0, L293
stdw [%r9+16], 0
ja L303
L293:
ldxdw %r2, [%r7+8]
stxdw [%r9+176], %r2
lddw %r2, 0x20000000a01
stxdw [%r9+192], %r2
ldxdw %r2, [%r7+16]
stxdw [%r9+184], %r2
ldxdw %r2, [%r7+8]
stxdw [%r9+24], %r2
stdw [%r9+16], 1
L303:
jeq %r8, 0, L467
ldxb %r2, [%r9+80]
jeq %r2, 0, L350
stdw [%r10-320], 0
ldxdw %r2, [%r9+296]
stxdw [%r10-312], %r2
ldxdw %r2, [%r9+304]
stxdw [%r10-304], %r2
ldxdw %r2, [%r9+104]
stxdw [%r10-296], %r2
ldxdw %r2, [%r9+160]
ldxdw %r1, [%r9+168]
rsh %r1, 16
and %r1, 65535
stxdw [%r10-288], %r1
ldxdw %r1, [%r9+48]
mov32 %r1, %r1
ldxdw %r3, [%r9+168]
lsh %r3, 32
rsh %r2, 32
or %r2, %r3
mov32 %r2, %r2
sub %r1, %r2
mov32 %r1, %r1
stxdw [%r10-280], %r1
ldxdw %r1, [%r9+48]
mov32 %r1, %r1
ldxdw %r2, [%r9+120]
sub %r1, %r2
mov32 %r1, %r1
stxdw [%r10-272], %r1
lddw %r1, 0x0
mov %r2, %r10
add %r2, -320
mov %r3, 56
mov %r4, 0
call 130
ldxdw %r1, [%r9+112]
stxdw [%r9+200], %r1
stb [%r9+80], 0
stdw [%r9+88], 0
stdw [%r9+96], 0
stdw [%r9+104], 0
stdw [%r9+112], 0
stdw [%r9+120], 0
ja L467
L350:
stdw [%r9+344], 0
ldxdw %r1, [%r9+176]
jlt %r1, 32, L443
jgt %r1, 47, L443
ldxdw %r1, [%r9+296]
stxdw [%r9+1400], %r1
ldxdw %r1, [%r9+304]
stxdw [%r9+1408], %r1
ldxdw %r1, [%r9+280]
stxdw [%r9+1416], %r1
stw [%r10-8], 0
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L440
ldxw %r1, [%r0]
stxdw [%r9+64], %r1
jeq %r1, 0, L440
stdw [%r9+72], 0
ldxdw %r1, [%r9+1400]
lsh %r1, 32
ldxdw %r2, [%r9+1408]
or %r1, %r2
be64 %r1
stxdw [%r9+1448], %r1
ldxdw %r1, [%r9+1416]
stxb [%r9+1456], %r1
mov %r8, 1
L380:
ldxdw %r1, [%r9+64]
jle %r8, %r1, L383
ja L436
L383:
jle %r8, 64, L385
ja L436
L385:
stxw [%r10-8], %r8
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jne %r0, 0, L393
ja L436
L393:
ldxdw %r1, [%r0]
ldxdw %r2, [%r9+72]
jgt %r1, %r2, L397
ja L436
L397:
ldxw %r1, [%r0+8]
stxw [%r9+1424], %r1
ldxdw %r3, [%r9+1448]
ldxdw %r2, [%r0+48]
and %r3, %r2
stxdw [%r9+1428], %r3
ldxdw %r1, [%r9+1456]
ldxdw %r2, [%r0+56]
and %r1, %r2
stxdw [%r9+1436], %r1
xor %r3, %r1
lddw %r2, 0x9e3779b97f4a7c15
mul %r3, %r2
rsh %r3, 56
mov %r2, %r3
rsh %r2, 6
lsh %r2, 3
mov %r1, %r0
add %r1, %r2
ldxdw %r1, [%r1+16]
and %r3, 63
rsh %r1, %r3
and %r1, 1
jeq %r1, 0, L434
lddw %r1, 0x0
mov %r2, %r9
add %r2, 1424
call 1
jeq %r0, 0, L434
ldxdw %r1, [%r0]
ldxdw %r2, [%r9+72]
jle %r1, %r2, L434
stxdw [%r9+72], %r1
ldxdw %r1, [%r0+8]
stxdw [%r9+1464], %r1
L434:
add %r8, 1
ja L380
L436:
ldxdw %r1, [%r9+72]
jeq %r1, 0, L440
stdw [%r9+336], 1
ja L441
L440:
stdw [%r9+336], 0
L441:
ldxdw %r2, [%r9+336]
stxdw [%r9+344], %r2
L443:
ldxdw %r2, [%r9+344]
jeq %r2, 0, L467
stb [%r9+80], 1
stdw [%r9+88], 1
stdw [%r9+104], 1
ldxdw %r2, [%r9+200]
stxdw [%r9+112], %r2
ldxdw %r2, [%r9+48]
mov32 %r2, %r2
stxdw [%r9+120], %r2
stdw [%r9+200], 34997
stdw [%r9+352], 0
mov %r7, %r9
add %r7, 352
stb [%r9+81], 1
stdw [%r9+128], 2561
ldxdw %r2, [%r9+40]
stxdw [%r9+136], %r2
ldxdw %r2, [%r9+48]
mov32 %r2, %r2
stxdw [%r9+144], %r2
ldxdw %r2, [%r7]
stxdw [%r9+152], %r2
mov %r7, 0
L467:
ldxdw %r2, [%r9+16]
jeq %r2, 0, L550
ldxb %r2, [%r9+82]
mul %r2, 14
mov %r8, %r2
ldxb %r1, [%r9+80]
mul %r1, 8
add %r2, %r1
mov %r7, %r2
ldxb %r1, [%r9+81]
mul %r1, 12
add %r2, %r1
ldxb %r1, [%r9+83]
mul %r1, 20
add %r2, %r1
ldxdw %r1, [%r9]
sub %r1, %r2
jeq %r1, 0, L489
mov %r2, %r1
mov %r1, %r6
call 44
jne %r0, 0, L583
L489:
ldxw %r1, [%r6+4]
ldxb %r2, [%r9+82]
jeq %r2, 0, L509
ldxw %r0, [%r6]
mov %r3, %r0
add %r3, 14
jgt %r3, %r1, L583
ldxdw %r3, [%r9+184]
lsh %r3, 16
ldxdw %r4, [%r9+192]
rsh %r4, 32
or %r3, %r4
be64 %r3
stxdw [%r0], %r3
ldxdw %r3, [%r9+192]
be32 %r3
stxw [%r0+8], %r3
ldxdw %r3, [%r9+200]
be16 %r3
stxh [%r0+12], %r3
L509:
ldxb %r0, [%r9+80]
jeq %r0, 0, L531
ldxw %r2, [%r6]
add %r2, %r8
mov %r4, %r2
add %r4, 8
jgt %r4, %r1, L583
ldxdw %r4, [%r9+88]
lsh %r4, 60
ldxdw %r3, [%r9+96]
lsh %r3, 56
or %r4, %r3
ldxdw %r3, [%r9+104]
lsh %r3, 48
or %r4, %r3
ldxdw %r3, [%r9+112]
lsh %r3, 32
or %r4, %r3
ldxdw %r3, [%r9+120]
or %r4, %r3
be64 %r4
stxdw [%r2], %r4
L531:
ldxb %r2, [%r9+81]
jeq %r2, 0, L550
ldxw %r0, [%r6]
add %r0, %r7
mov %r3, %r0
add %r3, 12
jgt %r3, %r1, L583
ldxdw %r3, [%r9+128]
lsh %r3, 48
ldxdw %r4, [%r9+136]
lsh %r4, 32
or %r3, %r4
ldxdw %r4, [%r9+144]
or %r3, %r4
be64 %r3
stxdw [%r0], %r3
ldxdw %r3, [%r9+152]
be32 %r3
stxw [%r0+8], %r3
L550:
ldxdw %r5, [%r9+16]
ldxw %r1, [%r6+8]
ldxw %r2, [%r6]
jge %r1, %r2, L564
mov %r3, %r1
add %r3, 32
jgt %r3, %r2, L564
ldxw %r3, [%r1]
jne %r3, 0x74656e70, L564
stxw [%r1+16], %r5
ldxdw %r3, [%r9+24]
stxw [%r1+20], %r3
ldxdw %r3, [%r9+8]
stxw [%r1+24], %r3
L564:
jne %r5, 0, L567
mov %r0, 1
exit
L567:
jne %r5, 2, L570
mov %r0, 2
exit
L570:
jne %r5, 3, L573
mov %r0, 3
exit
L573:
ldxdw %r2, [%r9+24]
ldxdw %r4, [%r9+40]
jne %r2, %r4, L578
mov %r0, 3
exit
L578:
lddw %r1, 0x0
mov %r3, 1
call 51
exit
L583:
mov %r0, 0
exit
L585:
mov %r0, 1
exit
