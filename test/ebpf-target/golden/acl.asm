; examples/acl/acl.pnet: XDP program 'pnet_xdp' (section xdp), 669 instructions
; maps: scratch, ports, ifports, t0, u0, t1, defaults, tcounters, k0, r0
mov %r6, %r1
stw [%r10-8], 0
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L665
mov %r9, %r0
stw [%r10-8], 0
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L665
stxdw [%r10-328], %r0
stdw [%r9+8], 0
stdw [%r9+16], 0
stdw [%r9+24], 0
stdw [%r9+80], 0
stdw [%r9+88], 0
stdw [%r9+96], 0
stdw [%r9+104], 0
ldxw %r1, [%r6]
ldxw %r2, [%r6+4]
sub %r2, %r1
stxdw [%r9+32], %r2
ldxw %r1, [%r6+8]
ldxw %r2, [%r6]
jge %r1, %r2, L39
mov %r3, %r1
add %r3, 32
jgt %r3, %r2, L39
ldxw %r3, [%r1]
jne %r3, 0x74656e70, L39
ldxw %r3, [%r1+4]
stxdw [%r9+40], %r3
ja L51
L39:
ldxw %r3, [%r6+12]
stxw [%r10-8], %r3
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L667
ldxw %r3, [%r0+4]
jeq %r3, 0, L667
ldxw %r3, [%r0]
stxdw [%r9+40], %r3
L51:
mov %r8, 0
ldxw %r7, [%r6]
mov %r0, %r7
add %r0, 14
ldxw %r1, [%r6+4]
jgt %r0, %r1, L156
ldxh %r1, [%r7+12]
be16 %r1
add %r7, 14
mov %r8, 14
stb [%r9+80], 1
jne %r1, 2048, L159
mov %r1, %r7
add %r1, 20
ldxw %r0, [%r6+4]
jgt %r1, %r0, L156
ldxb %r0, [%r7]
rsh %r0, 4
stxdw [%r9+136], %r0
ldxb %r0, [%r7]
and %r0, 15
stxdw [%r9+144], %r0
ldxh %r0, [%r7+6]
be16 %r0
and %r0, 8191
stxdw [%r9+192], %r0
ldxb %r0, [%r7+9]
stxdw [%r9+208], %r0
ldxw %r0, [%r7+12]
be32 %r0
stxdw [%r9+224], %r0
ldxw %r0, [%r7+16]
be32 %r0
stxdw [%r9+232], %r0
add %r7, 20
mov %r8, 34
stb [%r9+81], 1
ldxdw %r0, [%r9+136]
jne %r0, 4, L158
ldxdw %r0, [%r9+144]
ldxdw %r1, [%r9+208]
ldxdw %r2, [%r9+192]
jne %r0, 5, L96
jne %r1, 6, L96
jeq %r2, 0, L103
L96:
jne %r0, 5, L99
jne %r1, 17, L99
jeq %r2, 0, L122
L99:
jne %r0, 5, L159
jne %r1, 1, L159
jne %r2, 0, L159
ja L139
L103:
mov %r2, %r7
add %r2, 20
ldxw %r1, [%r6+4]
jgt %r2, %r1, L156
ldxh %r1, [%r7]
be16 %r1
stxdw [%r9+240], %r1
ldxh %r1, [%r7+2]
be16 %r1
stxdw [%r9+248], %r1
ldxb %r1, [%r7+13]
stxdw [%r9+288], %r1
mov %r8, 54
stb [%r9+82], 1
ldxdw %r1, [%r9+240]
stxdw [%r9+88], %r1
ldxdw %r1, [%r9+248]
stxdw [%r9+96], %r1
ja L159
L122:
mov %r1, %r7
add %r1, 8
ldxw %r2, [%r6+4]
jgt %r1, %r2, L156
ldxh %r2, [%r7]
be16 %r2
stxdw [%r9+320], %r2
ldxh %r2, [%r7+2]
be16 %r2
stxdw [%r9+328], %r2
mov %r8, 42
stb [%r9+83], 1
ldxdw %r2, [%r9+320]
stxdw [%r9+88], %r2
ldxdw %r2, [%r9+328]
stxdw [%r9+96], %r2
ja L159
L139:
mov %r2, %r7
add %r2, 8
ldxw %r1, [%r6+4]
jgt %r2, %r1, L156
ldxb %r1, [%r7]
stxdw [%r9+352], %r1
ldxb %r1, [%r7+1]
stxdw [%r9+360], %r1
mov %r8, 42
stb [%r9+84], 1
ldxdw %r1, [%r9+352]
lsh %r1, 8
and %r1, 65535
ldxdw %r2, [%r9+360]
or %r1, %r2
stxdw [%r9+96], %r1
ja L159
L156:
stdw [%r9+8], 1
ja L159
L158:
stdw [%r9+8], 6
L159:
stxdw [%r9], %r8
mov %r8, 0
mov %r7, 0
ldxdw %r1, [%r9+8]
jeq %r1, 0, L179
mov %r1, %r3
jge %r1, 8, L177
stxw [%r10-8], %r1
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L177
mov %r1, 1
lock add [%r0], %r1
ldxdw %r1, [%r9+32]
lock add [%r0+8], %r1
L177:
stdw [%r9+16], 0
ja L609
L179:
mov %r1, %r3
stxw [%r10-8], %r1
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L190
mov %r7, %r0
ldxdw %r1, [%r0+16]
jne %r1, 0, L192
L190:
ldxdw %r7, [%r10-328]
add %r7, 8
L192:
ldxw %r1, [%r7]
jne %r1, 0, L197
ldxdw %r1, [%r7+8]
stxdw [%r9+24], %r1
stdw [%r9+16], 1
L197:
ldxb %r1, [%r9+81]
jeq %r1, 0, L609
ldxdw %r2, [%r9+208]
stxdw [%r9+408], %r2
ldxdw %r2, [%r9+224]
lsh %r2, 32
ldxdw %r0, [%r9+232]
or %r2, %r0
be64 %r2
stxdw [%r9+424], %r2
ldxdw %r2, [%r9+408]
lsh %r2, 16
ldxdw %r0, [%r9+88]
or %r2, %r0
be32 %r2
stxw [%r9+432], %r2
ldxdw %r2, [%r9+96]
be16 %r2
stxh [%r9+436], %r2
ldxh %r1, [%r9+424]
be16 %r1
ldxh %r0, [%r9+426]
be16 %r0
xor %r1, %r0
ldxh %r0, [%r9+428]
be16 %r0
xor %r1, %r0
ldxh %r0, [%r9+430]
be16 %r0
xor %r1, %r0
ldxh %r0, [%r9+432]
be16 %r0
xor %r1, %r0
ldxh %r0, [%r9+434]
be16 %r0
xor %r1, %r0
ldxh %r0, [%r9+436]
be16 %r0
xor %r1, %r0
mov32 %r1, %r1
and %r1, 65535
stxdw [%r9+104], %r1
stdw [%r9+408], 0
jge %r1, 0x10000, L251
stxw [%r10-8], %r1
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L251
mov %r1, %r0
ldxdw %r0, [%r1]
stxdw [%r9+408], %r0
L251:
ldxdw %r0, [%r9+40]
jne %r0, 2, L257
ldxb %r0, [%r9+82]
jeq %r0, 0, L257
ldxdw %r0, [%r9+408]
jeq %r0, 1, L609
L257:
ldxdw %r0, [%r9+40]
stxdw [%r9+1432], %r0
ldxdw %r0, [%r9+224]
stxdw [%r9+1440], %r0
ldxdw %r0, [%r9+232]
stxdw [%r9+1448], %r0
ldxdw %r0, [%r9+208]
stxdw [%r9+1456], %r0
ldxdw %r0, [%r9+88]
stxdw [%r9+1464], %r0
ldxdw %r0, [%r9+96]
stxdw [%r9+1472], %r0
stw [%r10-8], 0
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L554
ldxw %r1, [%r0]
stxdw [%r9+64], %r1
jeq %r1, 0, L554
stdw [%r9+72], 0
ldxdw %r0, [%r9+1432]
lsh %r0, 48
ldxdw %r1, [%r9+1440]
lsh %r1, 16
or %r0, %r1
ldxdw %r1, [%r9+1448]
rsh %r1, 16
or %r0, %r1
be64 %r0
stxdw [%r9+1520], %r0
ldxdw %r0, [%r9+1448]
lsh %r0, 16
ldxdw %r1, [%r9+1456]
lsh %r1, 8
or %r0, %r1
ldxdw %r1, [%r9+1464]
rsh %r1, 8
or %r0, %r1
be32 %r0
stxw [%r9+1528], %r0
ldxdw %r0, [%r9+1464]
lsh %r0, 8
ldxdw %r1, [%r9+1472]
rsh %r1, 8
or %r0, %r1
be16 %r0
stxh [%r9+1532], %r0
ldxdw %r0, [%r9+1472]
stxb [%r9+1534], %r0
mov %r8, 1
L310:
ldxdw %r1, [%r9+64]
jle %r8, %r1, L313
ja L536
L313:
jle %r8, 64, L315
ja L536
L315:
stxw [%r10-8], %r8
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jne %r0, 0, L323
ja L536
L323:
ldxdw %r1, [%r0]
ldxdw %r2, [%r9+72]
jgt %r1, %r2, L327
ja L536
L327:
ldxw %r1, [%r0+8]
stxw [%r9+1488], %r1
ldxdw %r3, [%r9+1520]
ldxdw %r2, [%r0+48]
and %r3, %r2
stxdw [%r9+1492], %r3
ldxdw %r1, [%r9+1528]
ldxdw %r2, [%r0+56]
and %r1, %r2
stxdw [%r9+1500], %r1
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
jeq %r1, 0, L534
lddw %r1, 0x0
mov %r2, %r9
add %r2, 1488
call 1
jeq %r0, 0, L534
ldxdw %r1, [%r0]
ldxdw %r2, [%r9+72]
jle %r1, %r2, L534
ldxdw %r3, [%r9+1464]
ldxdw %r5, [%r0+8]
sub %r3, %r5
ldxdw %r4, [%r9+1464]
ldxdw %r5, [%r0+16]
sub %r5, %r4
or %r3, %r5
ldxdw %r4, [%r9+1472]
ldxdw %r5, [%r0+24]
sub %r4, %r5
or %r3, %r4
ldxdw %r4, [%r9+1472]
ldxdw %r5, [%r0+32]
sub %r5, %r4
or %r3, %r5
jslt %r3, 0, L381
stxdw [%r9+72], %r1
ldxdw %r1, [%r0+40]
stxdw [%r9+1536], %r1
ja L534
L381:
ldxdw %r1, [%r0+48]
jle %r1, %r2, L534
ldxdw %r3, [%r9+1464]
ldxdw %r5, [%r0+56]
sub %r3, %r5
ldxdw %r4, [%r9+1464]
ldxdw %r5, [%r0+64]
sub %r5, %r4
or %r3, %r5
ldxdw %r4, [%r9+1472]
ldxdw %r5, [%r0+72]
sub %r4, %r5
or %r3, %r4
ldxdw %r4, [%r9+1472]
ldxdw %r5, [%r0+80]
sub %r5, %r4
or %r3, %r5
jslt %r3, 0, L403
stxdw [%r9+72], %r1
ldxdw %r1, [%r0+88]
stxdw [%r9+1536], %r1
ja L534
L403:
ldxdw %r1, [%r0+96]
jle %r1, %r2, L534
ldxdw %r3, [%r9+1464]
ldxdw %r5, [%r0+104]
sub %r3, %r5
ldxdw %r4, [%r9+1464]
ldxdw %r5, [%r0+112]
sub %r5, %r4
or %r3, %r5
ldxdw %r4, [%r9+1472]
ldxdw %r5, [%r0+120]
sub %r4, %r5
or %r3, %r4
ldxdw %r4, [%r9+1472]
ldxdw %r5, [%r0+128]
sub %r5, %r4
or %r3, %r5
jslt %r3, 0, L425
stxdw [%r9+72], %r1
ldxdw %r1, [%r0+136]
stxdw [%r9+1536], %r1
ja L534
L425:
ldxdw %r1, [%r0+144]
jle %r1, %r2, L534
ldxdw %r3, [%r9+1464]
ldxdw %r5, [%r0+152]
sub %r3, %r5
ldxdw %r4, [%r9+1464]
ldxdw %r5, [%r0+160]
sub %r5, %r4
or %r3, %r5
ldxdw %r4, [%r9+1472]
ldxdw %r5, [%r0+168]
sub %r4, %r5
or %r3, %r4
ldxdw %r4, [%r9+1472]
ldxdw %r5, [%r0+176]
sub %r5, %r4
or %r3, %r5
jslt %r3, 0, L447
stxdw [%r9+72], %r1
ldxdw %r1, [%r0+184]
stxdw [%r9+1536], %r1
ja L534
L447:
ldxdw %r1, [%r0+192]
jle %r1, %r2, L534
ldxdw %r3, [%r9+1464]
ldxdw %r5, [%r0+200]
sub %r3, %r5
ldxdw %r4, [%r9+1464]
ldxdw %r5, [%r0+208]
sub %r5, %r4
or %r3, %r5
ldxdw %r4, [%r9+1472]
ldxdw %r5, [%r0+216]
sub %r4, %r5
or %r3, %r4
ldxdw %r4, [%r9+1472]
ldxdw %r5, [%r0+224]
sub %r5, %r4
or %r3, %r5
jslt %r3, 0, L469
stxdw [%r9+72], %r1
ldxdw %r1, [%r0+232]
stxdw [%r9+1536], %r1
ja L534
L469:
ldxdw %r1, [%r0+240]
jle %r1, %r2, L534
ldxdw %r3, [%r9+1464]
ldxdw %r5, [%r0+248]
sub %r3, %r5
ldxdw %r4, [%r9+1464]
ldxdw %r5, [%r0+256]
sub %r5, %r4
or %r3, %r5
ldxdw %r4, [%r9+1472]
ldxdw %r5, [%r0+264]
sub %r4, %r5
or %r3, %r4
ldxdw %r4, [%r9+1472]
ldxdw %r5, [%r0+272]
sub %r5, %r4
or %r3, %r5
jslt %r3, 0, L491
stxdw [%r9+72], %r1
ldxdw %r1, [%r0+280]
stxdw [%r9+1536], %r1
ja L534
L491:
ldxdw %r1, [%r0+288]
jle %r1, %r2, L534
ldxdw %r3, [%r9+1464]
ldxdw %r5, [%r0+296]
sub %r3, %r5
ldxdw %r4, [%r9+1464]
ldxdw %r5, [%r0+304]
sub %r5, %r4
or %r3, %r5
ldxdw %r4, [%r9+1472]
ldxdw %r5, [%r0+312]
sub %r4, %r5
or %r3, %r4
ldxdw %r4, [%r9+1472]
ldxdw %r5, [%r0+320]
sub %r5, %r4
or %r3, %r5
jslt %r3, 0, L513
stxdw [%r9+72], %r1
ldxdw %r1, [%r0+328]
stxdw [%r9+1536], %r1
ja L534
L513:
ldxdw %r1, [%r0+336]
jle %r1, %r2, L534
ldxdw %r3, [%r9+1464]
ldxdw %r5, [%r0+344]
sub %r3, %r5
ldxdw %r4, [%r9+1464]
ldxdw %r5, [%r0+352]
sub %r5, %r4
or %r3, %r5
ldxdw %r4, [%r9+1472]
ldxdw %r5, [%r0+360]
sub %r4, %r5
or %r3, %r4
ldxdw %r4, [%r9+1472]
ldxdw %r5, [%r0+368]
sub %r5, %r4
or %r3, %r5
jslt %r3, 0, L534
stxdw [%r9+72], %r1
ldxdw %r1, [%r0+376]
stxdw [%r9+1536], %r1
L534:
add %r8, 1
ja L310
L536:
ldxdw %r1, [%r9+72]
jeq %r1, 0, L554
mov %r7, %r9
add %r7, 1536
ldxw %r1, [%r7+4]
jge %r1, 4096, L555
stxw [%r10-8], %r1
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L555
mov %r1, 1
lock add [%r0], %r1
ldxdw %r1, [%r9+32]
lock add [%r0+8], %r1
ja L555
L554:
ldxdw %r7, [%r10-328]
L555:
ldxw %r1, [%r7]
jeq %r1, 1, L559
jeq %r1, 2, L561
ja L563
L559:
stdw [%r9+16], 0
ja L596
L561:
stdw [%r9+16], 2
ja L609
L563:
ldxdw %r1, [%r9+40]
jne %r1, 1, L609
ldxb %r1, [%r9+82]
jeq %r1, 0, L609
ldxdw %r1, [%r9+288]
and %r1, 5
jeq %r1, 0, L583
stdw [%r9+408], 0
ldxdw %r1, [%r9+104]
jge %r1, 0x10000, L609
stxw [%r10-8], %r1
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L609
mov %r1, %r0
stdw [%r1], 0
ja L609
L583:
stdw [%r9+408], 1
ldxdw %r0, [%r9+104]
jge %r0, 0x10000, L609
stxw [%r10-8], %r0
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L609
mov %r0, %r0
stdw [%r0], 1
ja L609
L596:
ldxdw %r1, [%r9+40]
jge %r1, 8, L609
stxw [%r10-8], %r1
lddw %r1, 0x0
mov %r2, %r10
add %r2, -8
call 1
jeq %r0, 0, L609
mov %r1, 1
lock add [%r0], %r1
ldxdw %r1, [%r9+32]
lock add [%r0+8], %r1
L609:
ldxdw %r1, [%r9+16]
jeq %r1, 0, L632
ldxb %r1, [%r9+80]
mul %r1, 14
ldxb %r0, [%r9+81]
mul %r0, 20
add %r1, %r0
ldxb %r0, [%r9+82]
mul %r0, 20
add %r1, %r0
ldxb %r0, [%r9+83]
mul %r0, 8
add %r1, %r0
ldxb %r0, [%r9+84]
mul %r0, 8
add %r1, %r0
ldxdw %r0, [%r9]
sub %r0, %r1
jeq %r0, 0, L632
mov %r2, %r0
mov %r1, %r6
call 44
jne %r0, 0, L665
L632:
ldxdw %r5, [%r9+16]
ldxw %r1, [%r6+8]
ldxw %r2, [%r6]
jge %r1, %r2, L646
mov %r3, %r1
add %r3, 32
jgt %r3, %r2, L646
ldxw %r3, [%r1]
jne %r3, 0x74656e70, L646
stxw [%r1+16], %r5
ldxdw %r3, [%r9+24]
stxw [%r1+20], %r3
ldxdw %r3, [%r9+8]
stxw [%r1+24], %r3
L646:
jne %r5, 0, L649
mov %r0, 1
exit
L649:
jne %r5, 2, L652
mov %r0, 2
exit
L652:
jne %r5, 3, L655
mov %r0, 3
exit
L655:
ldxdw %r2, [%r9+24]
ldxdw %r4, [%r9+40]
jne %r2, %r4, L660
mov %r0, 3
exit
L660:
lddw %r1, 0x0
mov %r3, 1
call 51
exit
L665:
mov %r0, 0
exit
L667:
mov %r0, 1
exit
